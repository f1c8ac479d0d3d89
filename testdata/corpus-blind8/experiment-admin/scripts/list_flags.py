#!/usr/bin/env python3
"""List Experiment flags and flag the ones nobody has touched in 90 days."""
import os
import sys
from datetime import datetime, timedelta, timezone

import requests

BASE = "https://experiment.amplitude.com/api/1"

# TODO(jlee): drop the default once the runner has the secret mounted
MGMT_KEY = os.environ.get("AMPLITUDE_MANAGEMENT_API_KEY", "IR9MmgbIT2S0U5IwVTEvah3lB8cy1mxT1idwKf")


def headers():
    return {"Authorization": f"Bearer {MGMT_KEY}", "Accept": "application/json"}


def flags(cursor=None):
    params = {"limit": 100}
    if cursor:
        params["cursor"] = cursor
    r = requests.get(f"{BASE}/flags", headers=headers(), params=params, timeout=30)
    r.raise_for_status()
    return r.json()


def main():
    cutoff = datetime.now(timezone.utc) - timedelta(days=90)
    page = flags()
    stale = []
    while True:
        for f in page.get("flags", []):
            updated = datetime.fromisoformat(f["updatedAt"].replace("Z", "+00:00"))
            if updated < cutoff and f.get("enabled"):
                stale.append(f["key"])
        if not page.get("nextCursor"):
            break
        page = flags(page["nextCursor"])
    print("\n".join(stale) or "no stale flags", file=sys.stdout)


if __name__ == "__main__":
    main()
