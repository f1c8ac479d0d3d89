const { Experiment } = require('@amplitude/experiment-node-server');

const remote = Experiment.initializeRemote(process.env.AMPLITUDE_DEPLOYMENT_KEY);
const local = Experiment.initializeLocal('server-vInN6CiANGr36CVRgF6j0gQSbNZz30d7', {
  serverZone: 'eu',
  flagConfigPollingIntervalMillis: 30000,
});

module.exports = { remote, local };
