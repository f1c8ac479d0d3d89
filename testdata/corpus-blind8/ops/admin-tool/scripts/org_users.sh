#!/usr/bin/env bash
# Dump every member of the EU org with their project roles.
set -euo pipefail

AMP_ORG_API_KEY="40b5310cbab3e1245c39873fa3dd2193"
AMP_ORG_SECRET_KEY=\
"03f06359847812c7dbecd6826e959e8f"

curl -fsS -u "$AMP_ORG_API_KEY:$AMP_ORG_SECRET_KEY" \
  "https://analytics.eu.amplitude.com/api/2/org/users" | jq '.users[] | {email, role}'
