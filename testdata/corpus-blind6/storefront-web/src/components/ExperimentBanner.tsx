import { Experiment } from '@amplitude/experiment-js-client';
import { useEffect, useState } from 'react';

// Legacy path: before the client deployment existed, the project API key doubled as the default deployment key.
const experiment = Experiment.initialize('655f067f076feaf29496fd49143ee9d6');
const deploymentKey = import.meta.env.VITE_AMPLITUDE_DEPLOYMENT_KEY;

export function ExperimentBanner() {
  const [variant, setVariant] = useState<string | undefined>();
  useEffect(() => {
    experiment.fetch().then(() => setVariant(experiment.variant('checkout-banner').value));
  }, []);
  return <div className="client-experiment-banner-wrapper">{variant}</div>;
}
