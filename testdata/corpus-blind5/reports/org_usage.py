import requests

AMPLITUDE_ORG_API_KEY = "ea1e2b0d9cbe380fb661d40b977ab7d3"
AMPLITUDE_ORG_SECRET_KEY = "64e3c954d96152d3bd51285fafe5eb19"


def usage():
    return requests.get(
        "https://amplitude.com/api/2/usage/org",
        auth=(AMPLITUDE_ORG_API_KEY, AMPLITUDE_ORG_SECRET_KEY),
    ).json()
