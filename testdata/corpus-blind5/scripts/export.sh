#!/usr/bin/env bash
set -euo pipefail
START=${1:-20240101T00}
END=${2:-20240101T23}

# ad-hoc export used during the migration (see INC-4412)
curl -sS -u b503a919cdc816ae6ea615489c1e4ed7:efaf2c4b5f038db55bd969076deece2a \
  "https://amplitude.com/api/2/export?start=${START}&end=${END}" -o export.zip

# the supported path
curl -sS -u "$AMPLITUDE_API_KEY:$AMPLITUDE_SECRET_KEY" "https://amplitude.com/api/2/export?start=${START}&end=${END}"
