#!/usr/bin/env bash
# create a flag in the EU org (management API)
curl --request POST \
  --url https://experiment.eu.amplitude.com/api/1/flags \
  --header 'Accept: application/json' \
  --header 'Authorization: Bearer qBjPNRDBjCBMqj2GG5LAatkkp_79gLun9mhgfqPcVDIbBB-cPy14t5' \
  --header 'Content-Type: application/json' \
  --data '{"projectId":"310528","key":"checkout-v3","name":"Checkout v3"}'
