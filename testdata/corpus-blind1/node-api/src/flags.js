const { Experiment } = require('@amplitude/experiment-node-server');

// remote evaluation: checkout pricing experiments
const remote = Experiment.initializeRemote('server-6H5GxdEPQsSKlbVfLAvXtsl8Dv82wwyY', {
  fetchTimeoutMillis: 500,
  fetchRetries: 1,
});

// local evaluation: kill switches, polled every 30s
const local = Experiment.initializeLocal(process.env.AMPLITUDE_SERVER_DEPLOYMENT_KEY, {
  flagConfigPollingIntervalMillis: 30000,
});

module.exports = { remote, local };
