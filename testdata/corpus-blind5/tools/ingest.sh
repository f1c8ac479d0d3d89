#!/bin/sh
curl -X POST https://api2.amplitude.com/2/httpapi \
  -H 'Content-Type: application/json' \
  -d '{"api_key":"10e56a50d50977cefe7656310868494a","events":[{"user_id":"backfill-1","event_type":"Order Completed"}]}'
