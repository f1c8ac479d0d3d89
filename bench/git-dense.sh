#!/usr/bin/env bash
# Speed and memory of `ampscan git` on a DENSE history, where nearly every
# blob names Amplitude, against `git log -p --all` and `git cat-file
# --batch-all-objects --batch` on the same repository, in the same run; and
# the history's own cost, measured with a matcher that finds nothing
# (bench/histcost -match none), beside the real one.
#
#   bench/git-dense.sh
#
# The history is built by bench/gendense from the published versions of
# Amplitude's npm packages pinned in bench/gendense/versions.txt (fetched
# once with `npm pack` into bench/work/dense/cache, never committed), each
# committed over the last, with generated edits between them, then
# repacked the way a clone's pack is. Each tool runs $RUNS times,
# alternating; the median is reported.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh # compare
work=bench/work/dense
runs=${RUNS:-3}
edits=${EDITS:-5}
repo=$work/repo
mkdir -p "$work"
go build -o "$work/ampscan" ./cmd/ampscan
go build -tags benchtools -o "$work/histcost" ./bench/histcost
if [ ! -f "$repo/.git/.complete" ]; then
  rm -rf "$repo"
  go run -tags benchtools ./bench/gendense -out "$repo" -cache "$work/cache" -edits "$edits"
  git -C "$repo" repack -a -d -f -q --depth=50 --window=10
  touch "$repo/.git/.complete"
fi
echo "dense history: $(git -C "$repo" rev-list --all --count) commits," \
  "$(git -C "$repo" rev-list --all --objects | cut -d' ' -f1 | git -C "$repo" cat-file --batch-check='%(objecttype) %(objectsize)' |
    awk '$1 == "blob" {n++; s += $2} END {printf "%d blobs, %.0f MB of unique blobs", n, s / 1e6}')," \
  "pack $(git -C "$repo" count-objects -vH | awk '/size-pack/ {print $2, $3}'), $(nproc) cores"

compare "$repo" git-log cat-file ampscan-git history-no-match
