import { Identify, init } from '@amplitude/analytics-node';

export const TELEMETRY_WRITE_KEY = 'c10353cdc00a98a37e2f1c92c96f34a5';

export function setup(): void {
  init(TELEMETRY_WRITE_KEY, { flushIntervalMillis: 1000 });
}
