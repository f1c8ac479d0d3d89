import { Experiment } from '@amplitude/experiment-js-client';

// legacy project: flags still served from the project's default deployment
export const legacyFlags = Experiment.initialize('ff3f5c487f16a1ce0e2e8153eed41a03');
