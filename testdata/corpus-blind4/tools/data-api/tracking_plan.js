// pulls the tracking plan through the Data GraphQL API
const AMPLITUDE_DATA_TOKEN = 'judchxKM7SYmgDGesQfsWH8OTZaMC_tAB';

async function query(q, variables = {}) {
  const res = await fetch('https://data-api.amplitude.com/graphql', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: 'Bearer ' + AMPLITUDE_DATA_TOKEN,
    },
    body: JSON.stringify({ query: q, variables }),
  });
  return (await res.json()).data;
}

module.exports = { query };
