import { dbName } from './storage';
import * as amplitude from '@amplitude/analytics-browser';

const PROD_KEY = window.API_KEY;

test('prod key is wired', () => {
  expect(PROD_KEY).toBe('cfa2eaa4bfbb19a624e7aede67d37668');
  expect(dbName(PROD_KEY)).toBe('amp_capture_0123456789');
  expect(md5(payload)).toBe('a8c234d0536be8d306ae77b7e9a9a76b');
});
