#!/usr/bin/env bash
# Fetch the pinned published packages in packages.txt into a work directory
# (default: a new temp dir; or $1), one directory per package:
#   WORK/npm/<name>@<version>/...   (npm pack, unpacked)
#   WORK/go/<module>@<version>/...  (go mod download, copied out of a private module cache)
# Nothing fetched here is committed; score.sh scans WORK and compares the
# findings with labels.tsv.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${1:-$(mktemp -d /tmp/ampscan-realcode.XXXXXX)}
mkdir -p "$work/npm" "$work/go" "$work/.tgz" "$work/.gomod"
while IFS=$'\t' read -r kind spec; do
	case "$kind" in ''|'#'*) continue ;; esac
	case "$kind" in
	npm)
		dest="$work/npm/$spec"
		[ -d "$dest" ] && continue
		tgz=$(cd "$work/.tgz" && npm pack --silent "$spec" | tail -n1)
		mkdir -p "$dest"
		tar -xzf "$work/.tgz/$tgz" -C "$dest" --strip-components=1
		;;
	go)
		dest="$work/go/$spec"
		[ -d "$dest" ] && continue
		dir=$(GOMODCACHE="$work/.gomod" GOFLAGS=-mod=mod go mod download -json "$spec" |
			sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
		mkdir -p "$(dirname "$dest")"
		cp -R "$dir" "$dest"
		chmod -R u+w "$dest"
		;;
	*) echo "packages.txt: unknown kind $kind" >&2; exit 2 ;;
	esac
done <"$here/packages.txt"
chmod -R u+w "$work/.gomod" 2>/dev/null || true
rm -rf "$work/.tgz" "$work/.gomod"
echo "$work"
