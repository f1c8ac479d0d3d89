import { Experiment } from '@amplitude/experiment-js-client';

export const experiment = Experiment.initialize('client-Z3Zy5JoDSiap9xhjtO3sxtRqT70LdhzE', {
  serverZone: 'us',
  fetchOnStart: true,
});

export async function variant(flagKey: string): Promise<string | undefined> {
  await experiment.start();
  return experiment.variant(flagKey).value;
}
