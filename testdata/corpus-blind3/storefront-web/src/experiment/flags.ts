import { Experiment, type ExperimentClient } from '@amplitude/experiment-js-client';

// "Storefront (web)" deployment. Client-side, so it is fine for this to ship.
const STOREFRONT_DEPLOYMENT = "client-twEl1MIbQejTkGOLcwkncrjZP8KngzHJ";

let client: ExperimentClient | undefined;

export async function getFlags(userId?: string): Promise<ExperimentClient> {
  if (!client) {
    client = Experiment.initializeWithAmplitudeAnalytics(STOREFRONT_DEPLOYMENT, {
      fetchTimeoutMillis: 1500,
      automaticExposureTracking: true,
    });
  }
  await client.start(userId ? { user_id: userId } : undefined);
  return client;
}

export function isOn(flag: string): boolean {
  return client?.variant(flag).value === 'on';
}
