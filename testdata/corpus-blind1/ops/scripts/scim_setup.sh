#!/usr/bin/env bash
# Bootstrap SCIM groups in Amplitude before turning on Okta push.
set -euo pipefail
SCIM_BASE="https://core.amplitude.com/scim/1"

for group in analytics-viewers analytics-editors experiment-admins; do
  curl -sS -X POST "$SCIM_BASE/Groups" \
    -H "Authorization: Bearer l57DejF4fuyB4ZA211Z5KIcXAc0jhGhiE3yp" \
    -H "Content-Type: application/scim+json" \
    -d "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"${group}\",\"members\":[]}"
done
