import * as amplitude from '@amplitude/analytics-browser';

const fromEnv = process.env.NEXT_PUBLIC_AMPLITUDE_API_KEY;
const AMPLITUDE_API_KEY = fromEnv ?? 'afb565a6a8e917270eeb66f04d5b585e';

export function initAnalytics() {
  amplitude.init(AMPLITUDE_API_KEY, {
    serverZone: 'EU',
    defaultTracking: { pageViews: true, sessions: true },
  });
}
