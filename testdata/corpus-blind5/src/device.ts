// Amplitude device id: hyphen-less UUID generated per install
export const TEST_DEVICE_ID = '9fddc85372f342878b35f3eea2ce7990';
