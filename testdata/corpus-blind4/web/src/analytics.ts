import { createInstance } from '@amplitude/analytics-browser';
import type { BrowserClient } from '@amplitude/analytics-types';

const amplitudeProjectKey =
  'a0ec6a9617156c332355e8cb194e6b71';

interface AmplitudeOptions {
  apiKey: string;
  serverZone?: 'US' | 'EU';
}

export function createAmplitude({ apiKey, serverZone = 'US' }: AmplitudeOptions): BrowserClient {
  const client = createInstance();
  client.init(apiKey, undefined, { serverZone, defaultTracking: { sessions: true } });
  return client;
}

export const amplitude = createAmplitude({ apiKey: amplitudeProjectKey });
