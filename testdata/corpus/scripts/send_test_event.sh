#!/usr/bin/env bash
# QA pings: one event per ingestion path.
set -euo pipefail

curl -sS -X POST https://api2.amplitude.com/2/httpapi -H 'Content-Type: application/json' --data '{"api_key":"d7b275e7de08940062f6178dc418b558","events":[{"user_id":"qa-bot","event_type":"QA Ping","insert_id":"80e4a2b535f6469195a42ad0532c08f8"}]}'  # want: api-key

curl -sS -X POST https://api2.amplitude.com/identify -d 'api_key=d7b275e7de08940062f6178dc418b558' --data-urlencode 'identification=[{"user_id":"qa-bot","user_properties":{"plan":"pro"}}]'  # want: api-key

curl -sS "https://api.amplitude.com/httpapi?api_key=d7b275e7de08940062f6178dc418b558&event=%5B%7B%22user_id%22%3A%22qa-bot%22%2C%22event_type%22%3A%22QA%20Ping%22%7D%5D"  # want: api-key
