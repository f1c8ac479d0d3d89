import * as amplitude from '@amplitude/analytics-browser';
import mixpanel from 'mixpanel-browser';

const AMP_KEY = '6fe61f6ac8739feb01fd49c4540d45b2';
const MIXPANEL_KEY = '735d9e0bcdb1b9db51f125ac811b7801';

amplitude.init(AMP_KEY);
mixpanel.init(MIXPANEL_KEY, { debug: false });
