# Monthly usage across all projects; needs the org-level keys from Amplitude Support.
import csv, sys, requests

ORG_API_KEY = "bf5598e80272d1e103bb48b07c0ecf2b"
ORG_SECRET_KEY = "de5c38b153e3ed5d6e212ca7df5b0a1d"


def main(month):
    r = requests.get(
        "https://amplitude.com/api/2/usage/projects",
        params={"month": month},
        auth=(ORG_API_KEY, ORG_SECRET_KEY),
    )
    w = csv.writer(sys.stdout)
    for row in r.json()["data"]:
        w.writerow([row["project"], row["events"]])


if __name__ == "__main__":
    main(sys.argv[1])
