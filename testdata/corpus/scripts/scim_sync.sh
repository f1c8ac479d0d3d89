#!/usr/bin/env bash
# Reconcile Amplitude seats with Okta groups.
set -euo pipefail

SCIM_BASE="https://core.amplitude.com/scim/1"
curl -s "${SCIM_BASE}/Users?startIndex=1&count=100" -H "Authorization: Bearer i2wp57wArYZH3KY97jT-a164iY8C70C7BU8"  # want: scim-key
