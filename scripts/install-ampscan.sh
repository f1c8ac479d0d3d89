#!/usr/bin/env bash
# Installs a released ampscan binary: downloads the release archive for this
# OS and architecture, checks it against the release's checksums.txt
# (sha256) and installs the binary only if they match. The GitHub Action
# runs it; it works anywhere with bash, curl and tar (unzip on Windows).
#
#   AMPSCAN_VERSION=v1.2.3 AMPSCAN_DEST=/usr/local/bin scripts/install-ampscan.sh
#
# Environment:
#   AMPSCAN_VERSION      the release tag, vX.Y.Z (required)
#   AMPSCAN_DEST         the directory to install into (required)
#   AMPSCAN_RELEASE_URL  where the release tags' assets are
#                        (default https://github.com/ampscan/ampscan/releases/download)
#   AMPSCAN_OS, AMPSCAN_ARCH  the target, as goreleaser names it (linux,
#                        darwin, windows; amd64, arm64). Default: from the
#                        runner's RUNNER_OS and RUNNER_ARCH, else uname.
set -euo pipefail

die() {
  echo "install-ampscan: $*" >&2
  exit 1
}

version=${AMPSCAN_VERSION:-}
dest=${AMPSCAN_DEST:-}
base=${AMPSCAN_RELEASE_URL:-https://github.com/ampscan/ampscan/releases/download}
[[ $version =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] ||
  die "AMPSCAN_VERSION must be a release tag like v1.2.3, not '$version'"
[ -n "$dest" ] || die "AMPSCAN_DEST is not set"

# goreleaser's names for the runner's OS and architecture.
os=${AMPSCAN_OS:-}
if [ -z "$os" ]; then
  case "${RUNNER_OS:-$(uname -s)}" in
    Linux) os=linux ;;
    macOS | Darwin) os=darwin ;;
    Windows | MINGW* | MSYS* | CYGWIN*) os=windows ;;
    *) die "no release build for the OS '${RUNNER_OS:-$(uname -s)}'" ;;
  esac
fi
arch=${AMPSCAN_ARCH:-}
if [ -z "$arch" ]; then
  case "${RUNNER_ARCH:-$(uname -m)}" in
    X64 | x86_64 | amd64) arch=amd64 ;;
    ARM64 | aarch64 | arm64) arch=arm64 ;;
    *) die "no release build for the architecture '${RUNNER_ARCH:-$(uname -m)}'" ;;
  esac
fi

# The names .goreleaser.yaml gives: the archive drops the tag's "v".
ext=tar.gz bin=ampscan
if [ "$os" = windows ]; then
  ext=zip bin=ampscan.exe
fi
archive="ampscan_${version#v}_${os}_${arch}.${ext}"

tmp=$(mktemp -d)
trap 'rm -rf -- "$tmp"' EXIT

fetch() {
  curl --fail --silent --show-error --location --retry 3 --proto '=https,http' \
    --output "$tmp/$1" "$base/$version/$1" ||
    die "cannot download $base/$version/$1"
}
fetch checksums.txt
fetch "$archive"

# checksums.txt lines are "<sha256>  <file name>"; exactly one must name the archive.
want=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$tmp/checksums.txt")
[[ $want =~ ^[0-9a-f]{64}$ ]] ||
  die "checksums.txt of $version has no single sha256 for $archive: refusing to install"
if command -v sha256sum >/dev/null 2>&1; then
  got=$(sha256sum "$tmp/$archive" | awk '{ print $1 }')
else
  got=$(shasum -a 256 "$tmp/$archive" | awk '{ print $1 }')
fi
if [ "$got" != "$want" ]; then
  die "checksum mismatch for $archive: checksums.txt says $want, the download is $got: refusing to install"
fi

mkdir -p "$tmp/x"
case "$ext" in
  tar.gz) tar -xzf "$tmp/$archive" -C "$tmp/x" -- "$bin" ;;
  zip) unzip -q "$tmp/$archive" "$bin" -d "$tmp/x" ;;
esac || die "$archive holds no $bin"
if [ ! -f "$tmp/x/$bin" ] || [ -L "$tmp/x/$bin" ]; then
  die "$archive holds no regular file $bin"
fi

# Copy, then rename: an interrupted install never leaves half a binary.
mkdir -p -- "$dest"
cp -- "$tmp/x/$bin" "$dest/.$bin.partial"
chmod 0755 "$dest/.$bin.partial"
mv -f -- "$dest/.$bin.partial" "$dest/$bin"
echo "install-ampscan: installed ampscan $version ($os/$arch, sha256 $got) at $dest/$bin"
