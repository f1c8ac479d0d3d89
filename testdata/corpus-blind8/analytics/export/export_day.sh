#!/usr/bin/env bash
# Raw event export for one day -> S3. Usage: export_day.sh 20241101
set -euo pipefail
day="$1"

curl -sS --fail -u 8b20e096493a10277e2f63ca32549874:17f6d522b5b3c19391cf7975cc0d0ec3 \
  "https://amplitude.com/api/2/export?start=${day}T00&end=${day}T23" \
  -o "/tmp/export-${day}.zip"

aws s3 cp "/tmp/export-${day}.zip" "s3://acme-analytics-raw/amplitude/${day}.zip"
