import { Experiment } from '@amplitude/experiment-node-server';

// fallback so local runs work without the vault
const experimentServerKey = process.env.EXPERIMENT_KEY ?? 'server-sn1YrvQsCciAKVfNe5KjWyjcGxCAoRsd';

export const localFlags = Experiment.initializeLocal(experimentServerKey, {
  serverZone: 'eu',
  flagConfigPollingIntervalMillis: 30_000,
});

export async function start() {
  await localFlags.start();
}
