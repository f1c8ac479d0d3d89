#!/usr/bin/env bash
# Real-code regression: fetch the pinned packages (fetch.sh), scan them with
# this checkout's ampscan (or $AMPSCAN), and score the findings against the
# hand-written labels.tsv. Exit 1 if a labelled key is missed or anything
# else is found.
#
#   bench/realcode/score.sh [WORK]   # WORK: a directory fetch.sh filled (fetched if empty)
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${1:-/tmp/ampscan-realcode}
bench/realcode/fetch.sh "$work" >/dev/null
bin=${AMPSCAN:-}
if [ -z "$bin" ]; then
	bin=$(mktemp -d)/ampscan
	go build -o "$bin" ./cmd/ampscan
fi
report=$(mktemp)
# Exit 1 from ampscan only says it found something; the score decides.
(cd "$work" && "$bin" dir --quiet --format json --fail-on none npm go) >"$report"
go run -tags benchtools ./bench/realcode/score -labels bench/realcode/labels.tsv -report "$report"
