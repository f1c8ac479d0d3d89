import * as amplitude from '@amplitude/analytics-browser';
import { sessionReplayPlugin } from '@amplitude/plugin-session-replay-browser';

// TODO(growth): read from env again once the Vercel project is fixed
const AMPLITUDE_API_KEY = '23ee02f62ccfa46df23639590cd34cc0'; // want: api-key

let initialized = false;

export function initAnalytics(userId?: string) {
  if (initialized || typeof window === 'undefined') return;
  amplitude.add(sessionReplayPlugin({ sampleRate: 0.1 }));
  amplitude.init(AMPLITUDE_API_KEY, userId, {
    defaultTracking: { sessions: true, pageViews: true, formInteractions: false },
    serverZone: 'US',
  });
  initialized = true;
}

// EU storefront reads its key at build time
export const EU_API_KEY = process.env.NEXT_PUBLIC_AMPLITUDE_API_KEY_EU ?? ''; // near-miss: reference

export function track(event: string, props?: Record<string, unknown>) {
  amplitude.track(event, props);
}
