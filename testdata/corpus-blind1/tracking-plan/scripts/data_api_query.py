"""List event types in the tracking plan via the Amplitude Data GraphQL API."""
import json
import sys

import requests

DATA_API = "https://data-api.amplitude.com/graphql"
HEADERS = {
    "Authorization": "Bearer OYW4w_JHoCoKdBnGM8Snm-GW_pEs3QgDr5GorfgKDP1",
    "Content-Type": "application/json",
}

QUERY = """
query Events($workspaceId: ID!) {
  workspace(id: $workspaceId) { events { name description } }
}
"""

if __name__ == "__main__":
    body = {"query": QUERY, "variables": {"workspaceId": sys.argv[1]}}
    r = requests.post(DATA_API, headers=HEADERS, data=json.dumps(body), timeout=30)
    r.raise_for_status()
    print(json.dumps(r.json(), indent=2))
