import { writeFileSync } from "node:fs";

const DATA_API = "https://data-api.eu.amplitude.com/graphql";
const AMPLI_API_TOKEN =
  process.env.AMPLI_API_TOKEN || "JqfpHNvxYYvA7amoGnAVKhs7BHterPvv2lJovUmcnPYQFnwYeWqDD4ZAqw43FPO2";

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(DATA_API, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Authorization: `Bearer ${AMPLI_API_TOKEN}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  if (!res.ok) throw new Error(`data api ${res.status}`);
  return (await res.json()).data as T;
}

const q = `query { orgs { workspaces { name branches { name } } } }`;
gql(q).then((d) => writeFileSync("workspaces.json", JSON.stringify(d, null, 2)));
