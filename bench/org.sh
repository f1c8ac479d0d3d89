#!/usr/bin/env bash
# An audit of a fake organisation, end to end, on this machine: repositories
# synthesized by bench/gengit (histories of different lengths with fake
# keys), served by `git daemon` on loopback, listed by a static fake GitHub
# API (python3 -m http.server; one page, no token), and one listed
# repository that does not exist. It shows the audit's counts, the findings
# per repository, that 3 shards merged give the whole run's bytes, and for
# each repository the time of `ampscan git URL` (clone + scan + remove)
# against `git clone --bare` of the same URL (best of $RUNS, alternating).
#
#   bench/org.sh
#
# Everything lives in bench/work/org/ (ignored). Needs git, python3 and jq.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$PWD/bench/work/org
bin=$work/ampscan
runs=${RUNS:-3}
mkdir -p "$work/srv/acme" "$work/api/orgs/acme"
go build -o "$bin" ./cmd/ampscan

# name:commits:seed
specs="api:3000:1 web:1000:2 tools:300:3 docs:50:4"
for spec in $specs; do
  IFS=: read -r name commits seed <<<"$spec"
  repo=$work/src/$name
  if [ ! -f "$repo/.complete" ]; then
    rm -rf "$repo" "$work/srv/acme/$name.git"
    go run -tags benchtools ./bench/gengit -out "$repo" -commits "$commits" -files 400 -seed "$seed" >/dev/null
    git -C "$repo" repack -a -d -f -q --depth=50 --window=10
    git clone -q --bare "$repo" "$work/srv/acme/$name.git"
    touch "$repo/.complete"
  fi
done

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
gport=$(port)
aport=$(port)
git daemon --export-all --reuseaddr --listen=127.0.0.1 --port="$gport" --base-path="$work/srv" "$work/srv" 2>/dev/null &
daemon=$!
python3 -m http.server "$aport" --bind 127.0.0.1 --directory "$work/api" >/dev/null 2>&1 &
api=$!
trap 'kill $daemon $api 2>/dev/null || true' EXIT

# The listing: every repository plus one that is gone.
{
  echo '['
  for spec in $specs; do
    name=${spec%%:*}
    echo "{\"full_name\":\"acme/$name\",\"clone_url\":\"git://127.0.0.1:$gport/acme/$name.git\",\"html_url\":\"https://github.com/acme/$name\",\"fork\":false,\"archived\":false},"
  done
  echo "{\"full_name\":\"acme/gone\",\"clone_url\":\"git://127.0.0.1:$gport/acme/gone.git\",\"html_url\":\"https://github.com/acme/gone\",\"fork\":false,\"archived\":false}"
  echo ']'
} >"$work/api/orgs/acme/repos"
for p in "$gport" "$aport"; do
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && break; sleep 0.1; done
done

audit=("$bin" github --org acme --api-url "http://127.0.0.1:$aport/" --format json -q --jobs 2)
start=$(date +%s.%N)
status=0
"${audit[@]}" -o "$work/whole.json" || status=$?
echo "whole audit: exit $status in $(echo "$(date +%s.%N) - $start" | bc) s"
jq -r '.audit | "listed \(.listed), selected \(.selected), scanned \(.scanned), failed \(.failed)"' "$work/whole.json"
jq -r '.repositories[] | "  \(.name): \(.status)  findings \(.findings) (\(.private) private, \(.public) public)  \(.error // "")"' "$work/whole.json"

for i in 1 2 3; do
  "${audit[@]}" --shard "$i/3" -o "$work/shard-$i.json" || true
  echo "shard $i/3: $(jq -r '[.repositories[].name] | join(" ")' "$work/shard-$i.json")"
done
"$bin" merge "$work"/shard-*.json -o "$work/merged.json" || true
if cmp -s "$work/whole.json" "$work/merged.json"; then
  echo "3 shards merged: byte-identical to the whole run ($(wc -c <"$work/whole.json") bytes)"
else
  echo "3 shards merged: DIFFERENT from the whole run"
  diff "$work/whole.json" "$work/merged.json" | head -20
fi

best() { sort -n | head -1; }
secs() { local s; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; echo "$(date +%s.%N) - $s" | bc; }
echo "per repository, best of $runs, over git:// on loopback:"
for spec in $specs; do
  name=${spec%%:*}
  url=git://127.0.0.1:$gport/acme/$name.git
  a=() g=() l=()
  for _ in $(seq "$runs"); do
    rm -rf "$work/clone"
    g+=("$(secs git clone -q --bare "$url" "$work/clone")")
    a+=("$(secs "$bin" git "$url" -q --format json -o /dev/null)")
    l+=("$(secs "$bin" git "$work/srv/acme/$name.git" -q --format json -o /dev/null)")
  done
  ncommits=$(git -C "$work/srv/acme/$name.git" rev-list --all --count)
  pack=$(du -sk "$work/srv/acme/$name.git/objects" | cut -f1)
  printf '  acme/%-6s %5d commits %6d KB  ampscan git URL %6.2f s  git clone --bare %6.2f s  (ampscan on the served copy, no clone: %5.2f s)\n' \
    "$name" "$ncommits" "$pack" "$(printf '%s\n' "${a[@]}" | best)" "$(printf '%s\n' "${g[@]}" | best)" "$(printf '%s\n' "${l[@]}" | best)"
done
rm -rf "$work/clone"
