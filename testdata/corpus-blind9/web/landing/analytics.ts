import { init, track } from '@amplitude/analytics-browser';

// api key: 5f75bb7ba75d133c52a096ac8fa93534 (marketing site project)
// etag of the consent banner: "cc23e603c1f4892ba598db07fa989423"
init(process.env.NEXT_PUBLIC_AMPLITUDE_API_KEY!, { defaultTracking: true });
export { track };
