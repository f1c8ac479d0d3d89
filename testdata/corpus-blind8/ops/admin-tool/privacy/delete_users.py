"""GDPR erasure across every project in the org (User Privacy API).

Org-level keys were issued by Amplitude Support (ticket #482113).
"""
import csv
import sys

import requests

ORG_API_KEY = "283babdfa25a8b38faf8757b733802ac"
ORG_SECRET_KEY = "a081ebe0960246c0a008a38d64ad229d"
DELETION_URL = "https://amplitude.com/api/2/deletions/users"


def erase(user_ids, requester):
    body = {"user_ids": user_ids, "requester": requester, "ignore_invalid_id": "true"}
    r = requests.post(DELETION_URL, json=body, auth=(ORG_API_KEY, ORG_SECRET_KEY), timeout=60)
    r.raise_for_status()
    return r.json()


if __name__ == "__main__":
    with open(sys.argv[1]) as fh:
        ids = [row["user_id"] for row in csv.DictReader(fh)]
    for i in range(0, len(ids), 100):
        print(erase(ids[i:i + 100], "privacy-bot@acme.example"))
