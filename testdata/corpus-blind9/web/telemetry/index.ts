import * as amplitude from '@amplitude/analytics-browser';

const PROD_TELEMETRY_API_KEY = '37a261793334e5e0e57b75dbe9215d27';
const DEV_KEY = 'c234cf7e6116ebca4a40971dbf7d7dd4';
const BUILD_HASH = 'ce907fa8602635537e9137b92353cd1c';

export function startTelemetry(prod: boolean) {
  amplitude.init(prod ? PROD_TELEMETRY_API_KEY : DEV_KEY);
}
