import * as amplitude from '@amplitude/analytics-browser';
import { sessionReplayPlugin } from '@amplitude/plugin-session-replay-browser';
import { Experiment } from '@amplitude/experiment-js-client';

// Production project "Storefront Web"
const AMPLITUDE_KEY = '9e41c4180846cbeec1a857dafe813de3';

export type TrackProps = Record<string, unknown>;

export function bootAnalytics(userId?: string) {
  amplitude.add(sessionReplayPlugin({ sampleRate: 0.1 }));
  amplitude.init(AMPLITUDE_KEY, userId, {
    defaultTracking: { sessions: true, pageViews: true },
    serverZone: 'US',
  });
}

export const experiment = Experiment.initializeWithAmplitudeAnalytics(
  import.meta.env.VITE_AMPLITUDE_DEPLOYMENT_KEY,
  { automaticExposureTracking: true },
);
