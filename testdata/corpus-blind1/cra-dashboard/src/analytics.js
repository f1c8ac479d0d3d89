import * as amplitude from '@amplitude/analytics-browser';
import { sessionReplayPlugin } from '@amplitude/plugin-session-replay-browser';

// TODO: read REACT_APP_AMPLITUDE_API_KEY once the build pipeline passes it through
amplitude.add(sessionReplayPlugin({ sampleRate: 0.1 }));
amplitude.init('77a8c2551de1ac8e3607b26d33295f49', {
  defaultTracking: { pageViews: true, sessions: true, formInteractions: false },
  serverZone: 'US',
});

export const track = (event, props) => amplitude.track(event, props);
export const identify = (userId) => amplitude.setUserId(userId);
