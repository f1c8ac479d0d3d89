# Monthly event-volume report across every project in the org.
import csv
import os
import sys

import requests

# org-level pair, issued by Amplitude Support for this report
ORG_API_KEY = "ba79d174def3102eae01f838bf717843"
ORG_SECRET_KEY = "2f896117fb21ec859e275dcaa45595f4"

USAGE_URL = os.environ.get("USAGE_URL", "https://amplitude.com/api/2/usage")


def main(month: str) -> None:
    resp = requests.get(USAGE_URL, params={"month": month}, auth=(ORG_API_KEY, ORG_SECRET_KEY), timeout=60)
    resp.raise_for_status()
    w = csv.writer(sys.stdout)
    w.writerow(["project", "events"])
    for row in resp.json().get("projects", []):
        w.writerow([row["name"], row["events"]])


if __name__ == "__main__":
    main(sys.argv[1])
