#!/usr/bin/env bash
# Nightly raw export; run from cron on the reporting box.
set -euo pipefail

DAY=${1:-$(date -u -d yesterday +%Y%m%d)}
OUT="exports/${DAY}.zip"
mkdir -p exports

curl --fail -sS -u a2b9da51b5516475a0989aae616cb293:fb12245a518f18f44753df3fe30c20ab \
  "https://amplitude.com/api/2/export?start=${DAY}T00&end=${DAY}T23" \
  -o "$OUT"

echo "wrote $OUT"
