#!/usr/bin/env bash
# one-off backfill, 2024-03 incident

curl -s "https://api2.amplitude.com/httpapi?api_key=afdd2a608e1c44566515300bf17ef1f2&event=%7B%22event_type%22%3A%22ping%22%7D"

curl -s https://api2.amplitude.com/identify \
  --data-urlencode 'api_key=d208c7d87afff1d443dc0cddc4793f89' \
  --data-urlencode 'identification=[{"user_id":"42","user_properties":{"plan":"pro"}}]'
