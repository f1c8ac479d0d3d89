"""Pull the tracking plan (events + properties) from the Amplitude Data GraphQL API."""
import json

import requests

DATA_API = "https://data-api.amplitude.com/graphql"
# Data > Settings > API Tokens (created by @mhernandez, has admin rights)
DATA_TOKEN = (
    "C9xr1rDBMrdqjyCDtRHQ44oxwiPWE2Vun9qTniEzMhwYPHc56ff-7SmQ0"
)

QUERY = """
query TrackingPlan($workspaceId: ID!) {
  workspace(id: $workspaceId) {
    events { name description properties { name type required } }
  }
}
"""


def fetch(workspace_id):
    r = requests.post(
        DATA_API,
        headers={"Authorization": f"Bearer {DATA_TOKEN}"},
        json={"query": QUERY, "variables": {"workspaceId": workspace_id}},
        timeout=30,
    )
    r.raise_for_status()
    return r.json()["data"]["workspace"]


if __name__ == "__main__":
    print(json.dumps(fetch("7f1c3a09-d43e-4ea4-889f-94c069f1c048"), indent=2))
