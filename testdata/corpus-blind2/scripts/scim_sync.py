#!/usr/bin/env python3
"""Mirror Okta groups into Amplitude through SCIM (EU org).

Run from cron on the ops box; see docs/runbooks/sso.md.
"""
import sys

import requests

SCIM_BASE = "https://core.eu.amplitude.com/scim/1"
SCIM_TOKEN = "dRLsA-7MPVcJVvi5e-tDMNZOsqweNVf68FwJWBTqw"

session = requests.Session()
session.headers.update({
    "Authorization": f"Bearer {SCIM_TOKEN}",
    "Content-Type": "application/scim+json",
})


def groups():
    r = session.get(f"{SCIM_BASE}/Groups", params={"count": 100}, timeout=30)
    r.raise_for_status()
    return r.json()["Resources"]


if __name__ == "__main__":
    for g in groups():
        print(g["id"], g["displayName"])
    sys.exit(0)
