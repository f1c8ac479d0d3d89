#!/bin/sh
# list tracking-plan events via the Data GraphQL API (EU workspace)
curl -s -X POST https://data-api.eu.amplitude.com/graphql \
  -H 'Content-Type: application/json' \
  -H 'Authorization: Bearer 1HMSSY0JBIAPcnXzIa4_6pVToLwgdH2jmCotiQU_xy' \
  -d '{"query":"{ orgs { workspaces { name branches { name } } } }"}' | jq .
