import * as amplitude from '@amplitude/analytics-browser';

amplitude.init(process.env.NEXT_PUBLIC_AMPLITUDE_API_KEY!, {
  deviceId: '695225373312e734b84c07fad6457e53',
  defaultTracking: false,
});

export function identify(email: string, emailMd5: string) {
  amplitude.setUserId(emailMd5);
}
