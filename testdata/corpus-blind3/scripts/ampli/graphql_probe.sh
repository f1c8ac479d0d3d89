#!/usr/bin/env bash
# List the workspaces the Data API token can see (EU org).
curl -s https://data-api.eu.amplitude.com/graphql \
  -H "Authorization: Bearer tTLqOkIzRl8IW66oSJzJ7vFNpTNqMICz_-aS5_5CREaCu7A0N99" \
  -H 'Content-Type: application/json' \
  -d '{"query":"{ orgs { id name workspaces { id name } } }"}' | jq .
