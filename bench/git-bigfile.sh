#!/usr/bin/env bash
# Speed and memory of `ampscan git` on a history where one BIG file (a
# generated source of $LINES lines, about 23 MB) is edited commit after
# commit, so that git packs its versions as a delta chain, against `git
# log -p --all` and `git cat-file --batch-all-objects --batch` on the same
# repository, in the same run. Files over 8 MiB once went to go-git, which
# rebuilt every version from the chain's base: 31 s and 1.4 GB.
#
#   bench/git-bigfile.sh
#
# The history is generated through `git fast-import`: $COMMITS versions of
# gen/values.go, five lines edited in each and a key in a quarter of them,
# then repacked the way a clone's pack is. With NAMED=1 the file's first
# line names Amplitude, so that every version passes the matcher's gate
# and each of its 32-hex values is judged: the matcher's dense case, not
# the history's. Each tool runs $RUNS times, alternating; the median is
# reported.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh # compare
work=bench/work/bigfile
runs=${RUNS:-3}
lines=${LINES:-300000}
commits=${COMMITS:-40}
named=${NAMED:-0}
repo=$work/repo-$lines-$commits-$named
mkdir -p "$work"
go build -o "$work/ampscan" ./cmd/ampscan
if [ ! -f "$repo/.complete" ]; then
  rm -rf "$repo"
  git init -q --bare "$repo"
  # Each version is written whole: fast-import takes blobs, not edits.
  awk -v lines="$lines" -v commits="$commits" -v named="$named" 'BEGIN {
    srand(5)
    hex = "0123456789abcdef"
    for (i = 0; i < lines; i++) v[i] = sprintf("const v%06d = \"%s\" // generated value %d\n", i, rnd(), i)
    v[0] = named ? "// generated for the amplitude tracking plan\n" : "// generated\n"
    t = 1700000000
    for (c = 0; c < commits; c++) {
      for (k = 0; k < 5; k++) {
        i = 1 + int(rand() * (lines - 1))
        v[i] = sprintf("const v%06d = \"%s\" // edited in %d\n", i, rnd(), c)
      }
      if (c == int(commits / 4)) v[lines / 2] = sprintf("AMPLITUDE_SECRET_KEY=%s\n", rnd())
      if (c == int(commits / 2)) v[lines / 2] = "// the key moved to the vault\n"
      n = 0
      for (i = 0; i < lines; i++) n += length(v[i])
      printf "blob\nmark :%d\ndata %d\n", c + 1, n
      for (i = 0; i < lines; i++) printf "%s", v[i]
      printf "\ncommit refs/heads/main\ncommitter A <a@example.com> %d +0000\ndata 7\nedit %02d\n", t + 60 * c, c % 100
      printf "M 100644 :%d gen/values.go\n", c + 1
    }
  }
  function rnd(   s, j) { s = ""; for (j = 0; j < 32; j++) s = s substr(hex, 1 + int(rand() * 16), 1); return s }' |
    git -C "$repo" fast-import --quiet
  git -C "$repo" repack -a -d -f -q --depth=50 --window=10
  touch "$repo/.complete"
fi
echo "big-file history: $(git -C "$repo" rev-list --all --count) commits of gen/values.go," \
  "$(git -C "$repo" cat-file -s main:gen/values.go) bytes at the end," \
  "pack $(git -C "$repo" count-objects -vH | awk '/size-pack/ {print $2, $3}'), $(nproc) cores"

compare "$repo" git-log cat-file ampscan-git
