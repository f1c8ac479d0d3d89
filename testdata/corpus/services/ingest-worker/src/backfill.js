'use strict';

// One-off backfill of the March outage window via the Batch API.
const API_KEY = '52c5e7036f804e915d6ba96244dcfc10'; // want: api-key
const BATCH_URL = 'https://api2.amplitude.com/batch';

async function sendBatch(events) {
  const res = await fetch(BATCH_URL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ api_key: API_KEY, events, options: { min_id_length: 1 } }),
  });
  if (res.status === 429) throw new Error('throttled');
  return res.json();
}

// device ids in the dump are md5(email); they are not keys
const sample = { device_id: '22c14610bb5fb9e49c63dfb2e210088b', user_id: 'u_1842' }; // near-miss: device id

module.exports = { sendBatch, sample };
