#!/bin/sh
# Quick checks against Experiment: which flags the backend deployment sees,
# and what the management API reports.
set -e

echo "== flags visible to the checkout-backend deployment =="
curl -s https://api.lab.amplitude.com/v1/flags \
  -H "Authorization: Api-Key server-qcDSVx7fnbCx3n7AjwHHY27ItAtNK93S" | jq '.[].key'

echo "== flags (management API) =="
curl -s "https://experiment.amplitude.com/api/1/flags?limit=100" \
  -H "Authorization: Bearer GbR7R1LxZxKv0w4cTwMHSOsIjC8D-Tx7" \
  -H "Accept: application/json" | jq '.flags[] | {key, enabled}'
