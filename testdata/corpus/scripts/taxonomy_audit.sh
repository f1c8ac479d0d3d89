#!/usr/bin/env bash
# Weekly taxonomy audit plus tracking-plan sync.
set -euo pipefail

curl -sS "https://amplitude.com/api/2/taxonomy/category" -H "Authorization: Basic MmRjOTBmNTA3MjJmNGRlOTQzYWI1YzA3MGMxZjA0MjI6MDA4ZjljOWFkMjMyZTBmNDQ0MDZhYWQ0MWNhOTM4ZDc=" | jq '.data | length'  # want: api-key secret-key

curl -sS https://data-api.amplitude.com/graphql -H "Content-Type: application/json" -H "Authorization: Bearer vSLJ2lC6IgcUyFDsnNbYFkJ1eYFbfMVzrN9J-yJVZXoYw971_0D" -d '{"query":"{ orgs { id name } }"}'  # want: data-api-token

ampli pull web --token vSLJ2lC6IgcUyFDsnNbYFkJ1eYFbfMVzrN9J-yJVZXoYw971_0D --path ./src/ampli  # want: data-api-token
ampli pull --token "$AMPLI_TOKEN"  # near-miss: reference
