const { Experiment } = require('@amplitude/experiment-node-server');
const Pusher = require('pusher');
const statsig = require('statsig-node');

const remote = Experiment.initializeRemote('server-molYDwKgn89aV6Ze5ZCi9aah2gO7jKZt', { serverZone: 'eu' });
const local = Experiment.initializeLocal(process.env.AMPLITUDE_SERVER_DEPLOYMENT_KEY);

const pusher = new Pusher({ appId: '7834931', key: '059ceed2f24619d8897b', secret: 'b118d1d0be202c6556c1', cluster: 'eu' });

// legacy checkout flow still runs on Statsig
statsig.initialize('secret-6Rtwm2PMOZHDzE2gcbVjJNYlJARVnfxIp2mP9lwhCpi');

module.exports = { remote, local, pusher };
