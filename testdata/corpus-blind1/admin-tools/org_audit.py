"""GDPR: delete a user across every project in the org (org-level keys from Support)."""
import sys

import requests

AMPLITUDE_ORG_API_KEY = "fc72167e3bbc1dc2b5b2e8ebf4d20c3e"
AMPLITUDE_ORG_SECRET_KEY = "40ff807ba33a2ad85607fdf03a6d3bd7"


def delete_user(user_id: str) -> dict:
    resp = requests.post(
        "https://amplitude.com/api/2/deletions/users",
        auth=(AMPLITUDE_ORG_API_KEY, AMPLITUDE_ORG_SECRET_KEY),
        json={"user_ids": [user_id], "requester": "privacy@acme.io", "ignore_invalid_id": "true"},
        timeout=30,
    )
    resp.raise_for_status()
    return resp.json()


if __name__ == "__main__":
    print(delete_user(sys.argv[1]))
