const MGMT_BASE = 'https://experiment.amplitude.com/api/1';
const experimentMgmtToken = "I4zr0OM3iwlRg-KkOnXuTXGHqcPo6LQ10TmPGgs_WNJKSP";

export async function listFlags(limit = 100) {
  const res = await fetch(`${MGMT_BASE}/flags?limit=${limit}`, {
    headers: {
      Authorization: `Bearer ${experimentMgmtToken}`,
      Accept: 'application/json',
    },
  });
  if (!res.ok) throw new Error(`flags: ${res.status}`);
  return res.json();
}
