#!/usr/bin/env bash
set -euo pipefail

OUT=${1:-/tmp/cohorts}
mkdir -p "$OUT"

curl -sS -u 353a5df3a35f2cd657b1d31936e74df1:1fdf9b2d50169db10da9dc98a4aace55 \
  "https://amplitude.com/api/3/cohorts" > "$OUT/cohorts.json"

# write the provisioning env for the okta sync container
cat > "$OUT/scim.env" <<'EOF'
IDP=okta
AMPLITUDE_SCIM_TOKEN=Xrb1b2lBGTYL_bbM0ihfagY9Kb62tBP29rrYnDbMOtAGL
SCIM_BASE=https://core.amplitude.com/scim/1
EOF

echo "done: $(jq length "$OUT/cohorts.json") cohorts"
