import fetch from 'node-fetch';

const MGMT_KEY = 'wcPylAL3TWbXIp06vSlKaDL18kL5dBebPbLfZyfJsBu2uJjJyFXDqWHAehxQI0';
const HOST = 'https://experiment.amplitude.com';

export async function listDeployments() {
  const r = await fetch(`${HOST}/api/1/deployments?limit=10`, {
    headers: { Authorization: `Bearer ${MGMT_KEY}` },
  });
  return r.json();
}
