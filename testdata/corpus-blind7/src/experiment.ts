// Fetch variants without the SDK (the SDK added 40kB to the bundle)
export async function fetchVariants(userId: string) {
  const res = await fetch(
    `https://api.lab.eu.amplitude.com/v1/vardata?user_id=${encodeURIComponent(userId)}`,
    { headers: { Authorization: `Api-Key client-aQLNGmGQh8LcSc28hK6BuD6MQ2RJ3KE3` } },
  );
  return res.json();
}
