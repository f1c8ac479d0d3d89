#!/usr/bin/env bash
# Smoke-test flag delivery after a deploy.
set -euo pipefail

curl -s -H "Authorization: Api-Key server-j1iOaWQHAiFMkAxPU8pJZflAI84ipcQx" "https://api.lab.amplitude.com/v1/flags" | jq 'length'  # want: server-deployment-key
curl -s -H "Authorization: Api-Key client-iutn4tVKbOvP2NuEUpuKFtV3fA0R8nN1" "https://api.lab.eu.amplitude.com/v1/vardata?user_id=qa-bot"  # want: client-deployment-key
curl -s -H "Authorization: Bearer 0lUvpv2avOOo3BAtdZGrA2kPT2KzmP6LBZE2n" "https://experiment.amplitude.com/api/1/flags?limit=100"  # want: management-api-key
curl -s -H "Authorization: Api-Key <DEPLOYMENT_KEY>" "https://api.lab.amplitude.com/v1/flags"  # near-miss: placeholder

echo "server-side flags OK"  # near-miss: prose
