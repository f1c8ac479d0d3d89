#!/usr/bin/env bash
# Wrapper used by the mobile repos to run ampli with the shared service-account token.
set -euo pipefail

SOURCE="${1:-web}"
AMPLI_ARGS=(
  pull "$SOURCE"
  --token "OUXGCciS3c_QmqGGiCZ1k-Fs27Vlcdjah"
  --branch main
  --omit-api-keys
)

npx @amplitude/ampli "${AMPLI_ARGS[@]}"
npx @amplitude/ampli status --is-merged --skip-update-on-default-branch
