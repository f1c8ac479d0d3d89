#!/usr/bin/env bash
# quick check that the tracking-plan token still works
curl -s https://data-api.amplitude.com/graphql \
  -H 'Authorization: Bearer Dajc1NEu-PKd60cciY7biD9jxctGDA' \
  -H 'Content-Type: application/json' \
  --data '{"query":"{ __typename }"}'
