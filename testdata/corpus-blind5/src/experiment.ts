import { Experiment } from '@amplitude/experiment-js-client';

// Using the project API key as the default deployment key.
export const flags = Experiment.initialize('17ae08d148ef4e242c7d99a229cef363', {
  fetchTimeoutMillis: 1500,
});
