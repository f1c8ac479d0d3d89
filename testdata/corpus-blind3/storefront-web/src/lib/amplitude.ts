import * as amplitude from '@amplitude/analytics-browser';
import { sessionReplayPlugin } from '@amplitude/plugin-session-replay-browser';

// Devices pinned to the QA dashboard. Events from them are filtered out of
// the conversion funnels (see the "internal traffic" segment).
const QA_DEVICE_ID = 'ff5d4e1f639aa957c46cd319babb9c2b';

let started = false;

export function startAnalytics(opts: { qa?: boolean } = {}) {
  if (started || typeof window === 'undefined') return;
  started = true;

  amplitude.add(sessionReplayPlugin({ sampleRate: 0.05 }));
  amplitude.init(process.env.NEXT_PUBLIC_AMPLITUDE_API_KEY!, {
    defaultTracking: { pageViews: true, sessions: true, formInteractions: false },
    ...(opts.qa ? { deviceId: QA_DEVICE_ID } : {}),
    logLevel: amplitude.Types.LogLevel.Warn,
  });
}

export const track = (name: string, props?: Record<string, unknown>) =>
  started ? amplitude.track(name, props) : undefined;
