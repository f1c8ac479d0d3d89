#!/usr/bin/env bash
# Pull one day of raw events from Amplitude and archive them.
set -euo pipefail

export AMPLITUDE_API_KEY=3d0658f70b963cd0824cf93bf86c3733
export AMPLITUDE_SECRET_KEY='a939c1474ec6e5e744fd738613903647'

DAY=${1:-$(date -u -d yesterday +%Y%m%d)}
OUT="export-${DAY}.zip"

curl -sS --fail -u "$AMPLITUDE_API_KEY:$AMPLITUDE_SECRET_KEY" \
  "https://amplitude.com/api/2/export?start=${DAY}T00&end=${DAY}T23" -o "$OUT"

md5sum "$OUT" >> checksums.txt
# last good run:
# fdbf70bf0d8e7e2746ff19e673742beb  export-20240513.zip
