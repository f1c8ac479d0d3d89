const PROFILE_API = 'https://profile-api.amplitude.com/v1/userprofile';

async function getProfile(userId) {
  const res = await fetch(`${PROFILE_API}?user_id=${encodeURIComponent(userId)}&get_recs=true`, {
    headers: { Authorization: 'Api-Key 96cc5b450583e91249b7aac21de81a07' },
  });
  if (!res.ok) throw new Error(`profile api ${res.status}`);
  return res.json();
}

// QA fixture: user_id=08c88973-e86c-46c7-8fc6-9034d8bd4b45 device_id=84aab7adcc05fe587e6d280470fa1e85
module.exports = { getProfile };
