#!/usr/bin/env bash
# Fire a test event at the QA project and identify the test user.
# Usage: ./send_test_event.sh <user_id>
USER_ID="${1:-qa-bot}"

curl -sS -X POST https://api2.amplitude.com/2/httpapi \
  -H 'Content-Type: application/json' \
  -H 'Accept: */*' \
  --data '{
    "api_key": "22c32a176064e73429aea9f369ef798e",
    "events": [{
      "user_id": "'"$USER_ID"'",
      "event_type": "QA Test Event",
      "event_properties": {"source": "send_test_event.sh"}
    }]
  }'

curl -sS https://api2.amplitude.com/identify \
  --data 'api_key=22c32a176064e73429aea9f369ef798e' \
  --data-urlencode 'identification=[{"user_id":"'"$USER_ID"'","user_properties":{"qa":true}}]'
