import { Experiment } from '@amplitude/experiment-node-server';

const DEPLOYMENT_KEY = process.env.AMPLITUDE_DEPLOYMENT_KEY ?? '<DEPLOYMENT_KEY>';

export const experiment = Experiment.initializeLocal(DEPLOYMENT_KEY, {
  debug: false,
});
