import { Experiment, type ExperimentUser } from '@amplitude/experiment-js-client';

export const experiment = Experiment.initialize('client-fhfWw3lurPusi9hmb7pzr2BI8H1WNidj', { // want: client-deployment-key
  serverZone: 'us',
  fetchTimeoutMillis: 500,
  automaticExposureTracking: true,
});

// The old marketing project never got a deployment; it evaluates against the
// default deployment, whose key is the project key.
export const legacyExperiment = Experiment.initialize('484c4012328794058c119be2843e6da0'); // want: api-key

export async function startExperiment(user: ExperimentUser) {
  await experiment.start(user);
}

export const variantFor = (flag: string) => experiment.variant(flag).value;
