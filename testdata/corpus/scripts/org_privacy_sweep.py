#!/usr/bin/env python3
"""Cross-project Amplitude privacy sweep with the org-level keys issued by Support."""
import json
import sys

import requests

ORG_API_KEY = "70a1e5c7d6d83e550eaef79ccd99d0dd"  # want: org-api-key
ORG_SECRET_KEY = "ec0d73ba6372002d9d7dec12571a2ed8"  # want: org-secret-key


def main(user_ids):
    payload = {"user_ids": user_ids, "requester": "privacy@acme.io", "ignore_invalid_id": "True"}
    r = requests.post("https://amplitude.com/api/2/deletions/users", auth=(ORG_API_KEY, ORG_SECRET_KEY), json=payload)
    r.raise_for_status()
    json.dump(r.json(), sys.stdout, indent=2)


if __name__ == "__main__":
    main(sys.argv[1:])
