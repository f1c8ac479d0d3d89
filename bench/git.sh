#!/usr/bin/env bash
# Speed and memory of `ampscan git` against `git log -p --all > /dev/null`
# (the first step of gitleaks and TruffleHog, before any matching), in one
# run on one machine, on a repository with tens of thousands of commits; and
# of `ampscan staged` on a typical commit in a repository of 10,000 files.
#
#   bench/git.sh [REPO]
#
# REPO is any repository with a long history. Without it (this machine has
# no network and no such repository), one is synthesized by
# bench/gengit through `git fast-import`: $COMMITS commits of realistic edits
# to Go's own sources, with topic branches merged back, tags, and a few fake
# keys, then repacked the way a clone's pack is (depth 50, window 10). The
# repositories live in bench/work/git/ (ignored). Machines here are shared
# and noisy: each tool runs $RUNS times, alternating, and the median is
# kept. `git cat-file --batch-all-objects --batch` (every object inflated
# once, nothing diffed) is the floor for reading a history.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh # fresh_runs, measure, median
work=bench/work/git
bin=$work/ampscan
commits=${COMMITS:-20000}
runs=${RUNS:-3}
mkdir -p "$work"
go build -o "$bin" ./cmd/ampscan

repo=${1:-}
if [ -z "$repo" ]; then
  repo=$work/history-$commits
  if [ ! -f "$repo/.complete" ]; then
    rm -rf "$repo"
    go run -tags benchtools ./bench/gengit -out "$repo" -commits "$commits" -files 3000
    git -C "$repo" repack -a -d -f -q --depth=50 --window=10
    touch "$repo/.complete"
  fi
fi
ncommits=$(git -C "$repo" rev-list --all --count)
nmerges=$(git -C "$repo" rev-list --all --merges --count)
pack=$(git -C "$repo" count-objects -vH | awk '/size-pack/ {print $2, $3}')
echo "history: $repo: $ncommits commits ($nmerges merges), pack $pack, $(nproc) cores"

fresh_runs "$repo"
for run in $(seq 1 "$runs"); do
  echo "run $run"
  measure "git log -p --all" /dev/null git -C "$repo" log -p --all
  measure "git cat-file" /dev/null git -C "$repo" cat-file --batch-all-objects --batch
  measure "ampscan git" "$work/out.ampscan git" "$bin" git --quiet --format json "$repo"
done
python3 - "$work/out.ampscan git" <<'PY' 2>/dev/null || true
import json, sys
r = json.load(open(sys.argv[1]))
s = r["summary"]
print(f"  ampscan git: {s['total']} findings, {s['files_scanned']} blobs, {s['bytes_scanned'] / 1e6:.0f} MB scanned, notes {s.get('notes')}")
PY

# A repository of 10,000 files (Go's own tree), committed and packed, with a
# typical commit staged: two files edited, one new file holding a key.
staged=$work/staged-10k
if [ ! -f "$staged/.complete" ]; then
  rm -rf "$staged"
  mkdir -p "$staged"
  src=$(go env GOROOT)/src
  # sed, not head: head closes the pipe early, and pipefail fails the script on sort's SIGPIPE.
  (cd "$src" && find . -type f | LC_ALL=C sort | sed -n 1,10000p) > "$work/staged.list"
  tar -C "$src" -cf - -T "$work/staged.list" | tar -C "$staged" -xf -
  # Its own module, so that `go build ./...` in this repository skips it.
  [ -f "$staged/go.mod" ] || printf 'module bench\n' > "$staged/go.mod"
  git -C "$staged" init -q -b main
  git -C "$staged" add -A
  git -C "$staged" -c user.name=bench -c user.email=bench@example.com -c gc.auto=0 commit -q -m "import"
  git -C "$staged" gc -q
  touch "$staged/.complete"
fi
git -C "$staged" reset -q --hard
git -C "$staged" clean -q -fd
echo "// edited" >> "$staged/$(sed -n 5p "$work/staged.list")"
echo "// edited" >> "$staged/$(sed -n 500p "$work/staged.list")"
printf 'package amp\n\nconst amplitudeSecretKey = "%s"\n' 3f9a1c7e5b2d48e6a0c4f7b19d3e2a58 > "$staged/amp.go"
git -C "$staged" add -A
echo "staged: $(git -C "$staged" ls-files | wc -l) files, $(git -C "$staged" diff --cached --name-only | wc -l) staged"
for run in $(seq 1 "$runs"); do
  measure "ampscan staged" /dev/null "$bin" staged --quiet "$staged"
done
git -C "$staged" reset -q --hard
git -C "$staged" clean -q -fd

read -r gitlog_s gitlog_kb < <(median "git log -p --all")
read -r cat_s cat_kb < <(median "git cat-file")
read -r amp_s amp_kb < <(median "ampscan git")
read -r staged_s _ < <(median "ampscan staged")
echo
echo "median of $runs:"
printf '  git log -p --all > /dev/null  %7.2f s  (peak RSS %d MB)\n' "$gitlog_s" "$((gitlog_kb / 1024))"
printf '  git cat-file --batch-all-objects --batch  %7.2f s  (peak RSS %d MB)\n' "$cat_s" "$((cat_kb / 1024))"
printf '  ampscan git                   %7.2f s  (peak RSS %d MB)  %.2fx git log -p, %.2fx cat-file\n' \
  "$amp_s" "$((amp_kb / 1024))" "$(awk -v a="$amp_s" -v b="$gitlog_s" 'BEGIN {print a/b}')" \
  "$(awk -v a="$amp_s" -v b="$cat_s" 'BEGIN {print a/b}')"
printf '  ampscan staged (10,000 files) %7.2f s\n' "$staged_s"
awk -v a="$amp_s" -v b="$gitlog_s" 'BEGIN {exit !(a < b)}' || { echo "FAIL: ampscan git is not faster than git log -p --all"; exit 1; }
awk -v s="$staged_s" 'BEGIN {exit !(s < 1)}' || { echo "FAIL: ampscan staged took a second or more"; exit 1; }
