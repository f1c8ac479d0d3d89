#!/usr/bin/env bash
set -euo pipefail
# regenerate the Ampli wrapper in CI; token from Data > Settings > API Tokens
ampli pull backend --token=RjZiLA897ZEH0coWZfc-P2gBAlc-EeRimhtGHar8faKoZnfjMo6lquo --path ./src/ampli
ampli status -t "$AMPLI_TOKEN" --is-merged
