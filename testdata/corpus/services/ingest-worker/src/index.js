'use strict';

const { init, track, flush } = require('@amplitude/analytics-node');
const { Experiment } = require('@amplitude/experiment-node-server');

init(process.env.AMPLITUDE_API_KEY, { flushIntervalMillis: 1000 }); // near-miss: reference

const remote = Experiment.initializeRemote('server-s4vAqK9mTgANurytHFtlPuoy9DirMyhQ', { fetchTimeoutMillis: 300 }); // want: server-deployment-key
const local = Experiment.initializeLocal('server-XLAsTrpGE5WfODpvQoR1dPzsg2qjkZOU', { // want: server-deployment-key
  flagConfigPollingIntervalMillis: 30000,
});

async function main() {
  await local.start();
  const variants = await remote.fetchV2({ user_id: 'worker' });
  track('Worker Booted', { variants: Object.keys(variants).length });
  await flush().promise;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
