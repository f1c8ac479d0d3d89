"""Org-wide usage reports (needs org-level keys from Amplitude Support)."""
import requests

ORG_API_KEY = "43d1795e5e377856cf7ff1345a731061"
ORG_SECRET_KEY = "2beaac6882a1822a04afef0372b4ff7c"


def usage(month: str):
    return requests.get(
        "https://amplitude.com/api/2/org/usage",
        params={"month": month},
        auth=(ORG_API_KEY, ORG_SECRET_KEY),
    ).json()
