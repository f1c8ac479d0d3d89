#!/usr/bin/env bash
# Whole-process speed of `ampscan dir` on a few hundred MB of ordinary source,
# against ripgrep (and gitleaks, if installed) reading the same bytes in the
# same run. Machines here are noisy: compare the ratios, not the seconds.
#
#   bench/dir.sh [COPIES]      # COPIES of Go's own source tree (default 2)
#
# The corpus is real code: copies of $(go env GOROOT)/src, plus a sprinkling
# of generated app files that name Amplitude and hold fake keys, so the rules
# (not just the gate) run on part of it. It lives in bench/work/ (ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh # median
copies=${1:-2}
work=bench/work
corpus=$work/corpus
bin=$work/ampscan

if ! command -v rg > /dev/null; then
  # Without it every reference below would be a failed command timed.
  echo "bench/dir.sh: ripgrep (rg) is the reference and is not installed (Debian: apt-get install ripgrep)" >&2
  exit 1
fi
mkdir -p "$work"
go build -o "$bin" ./cmd/ampscan

if [ ! -f "$corpus/.complete-$copies" ]; then
  rm -rf "$corpus"
  mkdir -p "$corpus"
  src=$(go env GOROOT)/src
  for i in $(seq 1 "$copies"); do
    cp -r "$src" "$corpus/go-$i"
  done
  go run -tags benchtools ./bench/genapps -out "$corpus/apps" -files 3000
  touch "$corpus/.complete-$copies"
fi

bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
files=$(find "$corpus" -type f | wc -l)
mb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b/1e6}')
echo "corpus: $files files, $mb MB ($(nproc) cores)"

# Warm the page cache so every tool reads from memory.
find "$corpus" -type f -print0 | xargs -0 cat > /dev/null

measure() { # name, command...
  local name=$1; shift
  local t0 t1 secs rss
  t0=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$work/rss" "$@" > "$work/$name.out" 2> "$work/$name.err" || true
  t1=$(date +%s.%N)
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b-a}')
  rss=$(tail -n 1 "$work/rss")
  printf '%-10s %7ss  %8s MB/s  peak RSS %6d MB\n' "$name" "$secs" \
    "$(awk -v m="$mb" -v s="$secs" 'BEGIN {printf "%.0f", m/s}')" "$((rss / 1024))"
  echo "$secs" >> "$work/all.$name"
}

rm -f "$work"/all.*

for run in 1 2 3; do
  echo "run $run"
  measure ampscan "$bin" dir --quiet --format json "$corpus"
  measure ripgrep rg -uuu --no-messages -c -i 'amplitude' "$corpus"
  # The issue's reference: the cost of finding every 32-hex run.
  measure rg-hex32 rg -uuu --no-messages -c '[0-9a-f]{32}' "$corpus"
  if command -v gitleaks > /dev/null; then
    measure gitleaks gitleaks dir --no-banner --exit-code 0 --report-format json --report-path "$work/gitleaks.json" "$corpus"
  fi
done
python3 - "$work/ampscan.out" <<'PY' 2>/dev/null || true
import json, sys
r = json.load(open(sys.argv[1]))
s = r["summary"]
print(f"ampscan: {s['total']} findings ({s['private']} private), {s['files_scanned']} files, skipped {s['files_skipped']}")
PY

a=$(median ampscan) r=$(median ripgrep) h=$(median rg-hex32)
echo "median of 3: ampscan $a s, ripgrep -i amplitude $r s, ripgrep [0-9a-f]{32} $h s;" \
  "ampscan takes $(awk -v a="$a" -v h="$h" 'BEGIN {printf "%.2f", a/h}')x as long as the hex count"
