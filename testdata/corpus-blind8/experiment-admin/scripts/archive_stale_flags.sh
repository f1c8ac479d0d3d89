#!/usr/bin/env bash
# Archive flags listed in stale.txt. Run from a laptop, not CI.
set -euo pipefail

API=https://experiment.amplitude.com/api/1
# CI passes the key in; locally we fall back to the one in 1Password
: "${AMP_MGMT_KEY:=i11w2m32-XfAM2tU1sNx2eFsE9l}"

while read -r flag; do
  [ -z "$flag" ] && continue
  id=$(curl -fsS "$API/flags?key=$flag" \
        -H "Authorization: Bearer $AMP_MGMT_KEY" | jq -r '.flags[0].id')
  curl -fsS -X PATCH "$API/flags/$id" \
    -H "Authorization: Bearer ${AMP_MGMT_KEY}" \
    -H 'Content-Type: application/json' \
    -d '{"archive": true}'
  echo "archived $flag ($id)"
done < stale.txt
