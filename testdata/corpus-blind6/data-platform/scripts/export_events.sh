#!/usr/bin/env bash
# Usage: AMPLITUDE_API_KEY=... AMPLITUDE_SECRET_KEY=... ./export_events.sh 20240501T00 20240501T23
# Docs example: curl -u YOUR_API_KEY:YOUR_SECRET_KEY 'https://amplitude.com/api/2/export?start=...'
set -euo pipefail
START="$1"; END="$2"
curl -sS --fail -u "${AMPLITUDE_API_KEY}:${AMPLITUDE_SECRET_KEY}" "https://amplitude.com/api/2/export?start=${START}&end=${END}" -o export.zip
# one-off backfill for the EU project (delete after 2024-06)
curl -sS -u 3c0a3b7ed5b2311b26d1d57716e9de6d:c4ade1d065c02d4c28c88a836a48d1c7 "https://analytics.eu.amplitude.com/api/2/export?start=${START}&end=${END}" -o export-eu.zip
md5sum export.zip export-eu.zip
