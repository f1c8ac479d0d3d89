const res = await fetch('https://data-api.eu.amplitude.com/graphql', {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    Authorization: `Bearer YYtmHuUXm0AvDS0WkBMHTfrumxY1xNXa`,
  },
  body: JSON.stringify({ query: '{ orgs { id name } }' }),
});
console.log(await res.json());
