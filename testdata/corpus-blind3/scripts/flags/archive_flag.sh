#!/usr/bin/env bash
# Archive a finished flag through the Experiment Management API.
set -euo pipefail
FLAG_ID="${1:?flag id}"

curl -sS -X PATCH "https://experiment.amplitude.com/api/1/flags/${FLAG_ID}" \
  -H 'Authorization: Bearer uTdI7gk9lMryxk4IIiBP6AsYYZcv7EwCL5U0qYpEqtHB1gwFcDi21CBssIOROWQK' \
  -H 'Content-Type: application/json' \
  --data '{"archive": true}'
