#!/usr/bin/env bash
# Pull yesterday's raw events from the Export API.
set -euo pipefail

START="$(date -u -d 'yesterday' +%Y%m%dT00)"
END="$(date -u -d 'yesterday' +%Y%m%dT23)"

# CI uses the env vars; the literal pair below was for a one-off backfill
if [[ -n "${CI:-}" ]]; then
  curl -sS -u "$AMPLITUDE_API_KEY:$AMPLITUDE_SECRET_KEY" \
    "https://amplitude.com/api/2/export?start=${START}&end=${END}" -o export.zip
else
  curl -sS -u fc7eb4129f10763d82bc5f41e5886202:b55b121d2306d7fd8a0e05048580091c \
    "https://amplitude.com/api/2/export?start=${START}&end=${END}" -o export.zip
fi
unzip -o export.zip -d "raw/${START}"
