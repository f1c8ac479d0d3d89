#!/bin/sh
# usage: identify.sh plans.csv   (user_id,plan per line)
set -eu

while IFS=, read -r user_id plan; do
  curl -s https://api2.amplitude.com/identify \
    --data-urlencode "api_key=1c36502c4abca690afb519d577a77822" \
    --data-urlencode "identification={\"user_id\":\"$user_id\",\"user_properties\":{\"\$set\":{\"plan\":\"$plan\"}}}"
  sleep 0.1
done < "$1"
