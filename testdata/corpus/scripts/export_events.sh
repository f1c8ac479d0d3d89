#!/usr/bin/env bash
# Pull one day of raw events for the data team.
set -euo pipefail

START="${1:-20240501T00}"
END="${2:-20240501T23}"

curl -sS -u 2dc90f50722f4de943ab5c070c1f0422:008f9c9ad232e0f44406aad41ca938d7 "https://amplitude.com/api/2/export?start=${START}&end=${END}" -o export.zip  # want: api-key secret-key

# EU residency project
curl -sS "https://26c21f64d915294e03c21d659a7de0c5:c6c86e11ca4803649d9916b5ffbd5b6f@analytics.eu.amplitude.com/api/2/export?start=${START}&end=${END}" -o export-eu.zip  # want: api-key secret-key

# staging reads the pair from the environment
curl -sS -u "$AMPLITUDE_API_KEY:$AMPLITUDE_SECRET_KEY" "https://amplitude.com/api/2/events/list"  # near-miss: reference
