'use strict';

const { Experiment } = require('@amplitude/experiment-node-server');

const experiment = Experiment.initializeLocal(`server-h7ERX9ByFxNAOGGzQlznhbMEDppiXwrT`, { debug: false, flagConfigPollingIntervalMillis: 30000 });

async function start() {
  await experiment.start();
}

function variant(user, flagKey) {
  return experiment.evaluateV2(user, [flagKey])[flagKey];
}

module.exports = { start, variant };
