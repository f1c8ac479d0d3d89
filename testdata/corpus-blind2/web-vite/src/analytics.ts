import * as amplitude from '@amplitude/analytics-browser';
import { Experiment } from '@amplitude/experiment-js-client';

const API_KEY = import.meta.env.VITE_AMPLITUDE_API_KEY;
const DEPLOYMENT_KEY =
  import.meta.env.VITE_AMPLITUDE_DEPLOYMENT_KEY || 'client-yY9pQWPbi5WKSq29ZlRDJbpinuDlLTLg';

amplitude.init(API_KEY, {
  serverZone: 'EU',
  defaultTracking: { sessions: true, pageViews: true },
});

if (import.meta.env.DEV) {
  // pin one device so the debugger's user lookup stays stable
  amplitude.setDeviceId('6c59e51e90ae1a7ab488e2922ff98ebe');
}

export const experiment = Experiment.initializeWithAmplitudeAnalytics(DEPLOYMENT_KEY, {
  serverZone: 'eu',
});
