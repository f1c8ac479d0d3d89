#!/usr/bin/env bash
# Speed and memory of `ampscan git` on a history with one WIDE directory
# (60,000 files, so a root tree of 2.5 MB rebuilt from deltas for every
# commit), against `git log -p --all` on the same repository, in the same
# run. Large trees and blobs once fell out of the object cache and made
# this case 30 times slower than git.
#
#   bench/git-wide.sh
#
# The history is generated through `git fast-import`: one commit adding
# $FILES small files to gen/, then $COMMITS commits each editing one of
# them, repacked the way a clone's pack is. Each tool runs $RUNS times,
# alternating; the median is reported.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh # compare
work=bench/work/wide
runs=${RUNS:-3}
files=${FILES:-60000}
commits=${COMMITS:-3000}
repo=$work/repo-$files-$commits
mkdir -p "$work"
go build -o "$work/ampscan" ./cmd/ampscan
if [ ! -f "$repo/.complete" ]; then
  rm -rf "$repo"
  git init -q --bare "$repo"
  # fast-import's stream: marks 1..files are the first versions; each edit
  # adds a blob and a commit that points one path at it.
  awk -v files="$files" -v commits="$commits" 'BEGIN {
    srand(7)
    for (i = 0; i < files; i++) {
      d = sprintf("file %d\nline two\n", i)
      printf "blob\nmark :%d\ndata %d\n%s\n", i + 1, length(d), d
    }
    t = 1700000000
    printf "commit refs/heads/main\ncommitter A <a@example.com> %d +0000\ndata 3\nall\n", t
    for (i = 0; i < files; i++) printf "M 100644 :%d gen/f%05d.txt\n", i + 1, i
    for (c = 0; c < commits; c++) {
      i = int(rand() * files)
      d = sprintf("file %d edited %d\nline two\n", i, c)
      printf "blob\nmark :%d\ndata %d\n%s\n", files + c + 1, length(d), d
      m = sprintf("edit %d", c)
      printf "commit refs/heads/main\ncommitter A <a@example.com> %d +0000\ndata %d\n%s\n", t + 60 * (c + 1), length(m), m
      printf "M 100644 :%d gen/f%05d.txt\n", files + c + 1, i
    }
  }' | git -C "$repo" fast-import --quiet
  git -C "$repo" repack -a -d -f -q --depth=50 --window=10
  touch "$repo/.complete"
fi
echo "wide history: $(git -C "$repo" rev-list --all --count) commits over a directory of $files files," \
  "pack $(git -C "$repo" count-objects -vH | awk '/size-pack/ {print $2, $3}'), $(nproc) cores"

compare "$repo" git-log ampscan-git
