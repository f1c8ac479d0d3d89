#!/bin/sh
# Deprovision a leaver from Amplitude by email. Usage: deprovision.sh user@acme.example
set -eu

cat > "$HOME/.amplitude-scim.env" <<EOF
AMPLITUDE_SCIM_URL=https://core.amplitude.com/scim/1
AMPLITUDE_SCIM_KEY=lozEXRHl_PLD61u0GUXzalFQLlYElOcyUCab
EOF
chmod 600 "$HOME/.amplitude-scim.env"
. "$HOME/.amplitude-scim.env"

uid=$(curl -fsS -G "$AMPLITUDE_SCIM_URL/Users" \
  --data-urlencode "filter=userName eq \"$1\"" \
  -H "Authorization: Bearer ${AMPLITUDE_SCIM_KEY}" | jq -r '.Resources[0].id')

curl -fsS -X DELETE "$AMPLITUDE_SCIM_URL/Users/$uid" -H "Authorization: Bearer $AMPLITUDE_SCIM_KEY"
echo "removed $1 ($uid)"
