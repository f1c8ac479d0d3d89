#!/usr/bin/env bash
# evaluate flags for a test user against both regions
curl -s 'https://api.lab.amplitude.com/v1/vardata?user_id=qa-user-7' \
  -H 'Authorization: Api-Key server-71Tu6Y8ufccwFNr5FuYQfrNOrhDSTRlj'

curl -s https://flag.lab.eu.amplitude.com/sdk/v2/flags \
  -H "Authorization: Api-Key client-zFKRnIsEB2OqMUZMEU1VzZUU1iSgc01M"

curl -s -X POST https://api.lab.eu.amplitude.com/v1/vardata \
  -H "Authorization: Api-Key server-FaTJGTQmkEb7UJCcm34ROQEaarEFQ6M8" \
  -d '{"user_id":"qa-user-7"}'
