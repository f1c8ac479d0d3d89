#!/usr/bin/env bash
# Speed and memory of `ampscan git` on a history where one file holds many
# keys: a .env of $KEYS generated keys (bench/genfindings), committed, then
# edited in $COMMITS more commits, each replacing one key with a new one,
# against `git log -p --all` and `git cat-file --batch-all-objects --batch`
# on the same repository, in the same run.
#
#   bench/git-keys.sh
#
# Every version holds tens of thousands of findings, nearly all found
# again in the next version at the same or a nearby line. Attribution once
# compared each finding with every finding of the file's other side (a
# history like this took minutes), and every version's findings were held
# whole until the end (867 MB for 31 versions of 50,000 keys). Each tool
# runs $RUNS times, alternating; the median is reported.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh # compare
work=bench/work/keys
runs=${RUNS:-3}
keys=${KEYS:-50000}
commits=${COMMITS:-30}
repo=$work/repo-$keys-$commits
mkdir -p "$work"
go build -o "$work/ampscan" ./cmd/ampscan
if [ ! -f "$repo/.complete" ]; then
  rm -rf "$repo"
  go run -tags benchtools ./bench/genfindings -n "$((keys + commits))" -out "$work/keys.env"
  git init -q --bare "$repo"
  # Version c holds the first $keys lines, with line c*step replaced by
  # line keys+c for every c' <= c: one key rotated per commit.
  awk -v keys="$keys" -v commits="$commits" '
    { line[NR] = $0 "\n" }
    END {
      step = int(keys / (commits + 1))
      t = 1700000000
      for (c = 0; c <= commits; c++) {
        if (c > 0) line[c * step] = line[keys + c]
        n = 0
        for (i = 1; i <= keys; i++) n += length(line[i])
        printf "blob\nmark :%d\ndata %d\n", c + 1, n
        for (i = 1; i <= keys; i++) printf "%s", line[i]
        printf "\ncommit refs/heads/main\ncommitter A <a@example.com> %d +0000\ndata 7\nedit %02d\n", t + 60 * c, c % 100
        printf "M 100644 :%d .env\n", c + 1
      }
    }' "$work/keys.env" | git -C "$repo" fast-import --quiet
  git -C "$repo" repack -a -d -f -q --depth=50 --window=10
  touch "$repo/.complete"
fi
echo "keys history: $(git -C "$repo" rev-list --all --count) commits of .env," \
  "$(git -C "$repo" cat-file -s main:.env) bytes at the end, $(nproc) cores"

compare "$repo" git-log cat-file ampscan-git
