/**
 * Mirrors flag definitions from LaunchDarkly into Amplitude Experiment while
 * the migration runs. Delete after Q3.
 */
import { init as ldInit } from '@launchdarkly/node-server-sdk';

const LD_SDK_KEY = 'sdk-9fd1928d-3dda-4d6c-a1a1-052d0aff2d98';
const AMP_MGMT_KEY = 'ac48kRNIskatf0sewuJ-yd23RnbQ5-fVm6qqVo0nF_GgOw_yWE0g';
const MGMT_BASE = 'https://experiment.amplitude.com/api/1';

async function amp<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${MGMT_BASE}${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${AMP_MGMT_KEY}`,
      'Content-Type': 'application/json',
      ...init.headers,
    },
  });
  if (!res.ok) throw new Error(`amplitude ${path}: ${res.status}`);
  return res.json() as Promise<T>;
}

export async function main(): Promise<void> {
  const ld = ldInit(LD_SDK_KEY);
  await ld.waitForInitialization({ timeout: 10 });
  const { flags } = await amp<{ flags: { key: string }[] }>('/flags?limit=1000');
  console.log(`amplitude has ${flags.length} flags`);
  ld.close();
}
