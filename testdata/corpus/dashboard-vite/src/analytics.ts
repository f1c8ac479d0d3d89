import * as analytics from '@amplitude/analytics-browser';
import amplitude from 'amplitude-js';

analytics.init(import.meta.env.VITE_AMPLITUDE_API_KEY_EU, { // near-miss: reference
  serverZone: 'EU',
});

// 2021 dashboards still read the old SDK's cookie; keep until the migration ends.
amplitude.getInstance().init('6b2b2aae9f5da58b1b9220fa57d863c5', undefined, { includeReferrer: true, includeUtm: true }); // want: api-key
