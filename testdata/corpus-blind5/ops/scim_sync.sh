#!/usr/bin/env bash
# one-off: list provisioned users before the Okta cutover
curl -sS "https://core.amplitude.com/scim/1/Users?startIndex=1&count=100" \
  -H "Authorization: Bearer okiABB3ILxdDfNx3wLHMS79f71OyiuigDI136QenKGnRm7QvcTXHy3-pPAq" \
  -H "Content-Type: application/scim+json"
