#!/usr/bin/env bash
# Peak memory of `ampscan dir` on one file dense with findings: a .env of
# N generated keys (default 200,000, about 12 MB), one a line, over API,
# secret and deployment keys. Prints the median of 3 peak RSS figures
# (/usr/bin/time's maximum resident set size) for each format, with a
# sha256 of the output so two builds can be checked to write the same.
#
#   bench/findings.sh [N]                 # this tree's ampscan
#   BASE=main bench/findings.sh [N]       # and the one built from a git ref, same run
#
# The text report's "scanned ... in <duration>" line is left out of its
# hash: the duration differs from run to run. Work files live in bench/work/.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200000}
work=bench/work/findings
mkdir -p "$work"
go build -o "$work/ampscan" ./cmd/ampscan
bins=(ampscan)
if [ -n "${BASE:-}" ]; then
  rm -rf "$work/base-src"
  mkdir -p "$work/base-src"
  git archive "$BASE" | tar -x -C "$work/base-src"
  (cd "$work/base-src" && go build -o ../ampscan-base ./cmd/ampscan)
  bins=(ampscan-base ampscan)
fi
if [ ! -f "$work/tree-$n/.env" ]; then
  mkdir -p "$work/tree-$n"
  go run -tags benchtools ./bench/genfindings -n "$n" -out "$work/tree-$n/.env"
fi
echo "input: $n keys, $(($(stat -c %s "$work/tree-$n/.env") / 1000)) kB, $(nproc) cores"
printf '%-13s %-6s %9s  %s\n' build format "peak RSS" "sha256 of the output"
for format in text json sarif; do
  for bin in "${bins[@]}"; do
    rss=()
    for _ in 1 2 3; do
      /usr/bin/time -f '%M' -o "$work/rss" "$work/$bin" dir --format "$format" "$work/tree-$n" \
        > "$work/$bin.$format" 2> "$work/$bin.$format.err" || true
      rss+=("$(tail -n 1 "$work/rss")")
    done
    median=$(printf '%s\n' "${rss[@]}" | sort -n | sed -n 2p)
    sum=$(grep -v '^  scanned [0-9]* files, ' "$work/$bin.$format" | sha256sum | cut -c1-16)
    printf '%-13s %-6s %6d MB  %s  (runs: %s kB)\n' "$bin" "$format" "$((median / 1024))" "$sum" "${rss[*]}"
  done
done
