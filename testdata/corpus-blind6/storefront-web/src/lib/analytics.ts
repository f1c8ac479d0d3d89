import * as amplitude from '@amplitude/analytics-browser';
import { Experiment } from '@amplitude/experiment-js-client';
import posthog from 'posthog-js';

const AMPLITUDE_KEY = process.env.NEXT_PUBLIC_AMPLITUDE_API_KEY!;

// Experiment gets its own client-side deployment; see ExperimentBanner for the legacy path.
export const experiment = Experiment.initializeWithAmplitudeAnalytics(
  process.env.NEXT_PUBLIC_AMPLITUDE_DEPLOYMENT_KEY ?? '',
  { serverZone: 'us', fetchOnStart: true },
);

export function initAnalytics(deviceId?: string) {
  amplitude.init(AMPLITUDE_KEY, undefined, {
    deviceId: deviceId ?? 'fbe000cfbb58d9c4ff27e4895a7ab757',
    defaultTracking: { sessions: true, pageViews: true, formInteractions: false },
  });
  posthog.init('phc_uOowgU7m7fi3qsbmOHyifKr21UPlCRUONH9OD0S5Z9l', { api_host: 'https://eu.posthog.com' });
}
