"""Mirror Okta groups into Amplitude (EU org) through the SCIM API."""
import requests

SCIM_BASE = "https://core.eu.amplitude.com/scim/1"
SCIM_TOKEN = "5qC0iV0sdy8XHVHJAYZ8tz0ROJniPQ9Nm8t6sP9sKRvXFnrzypAhzt0uCXhh9"
GITHUB_TOKEN = "ghp_Vb7QHZhtemn1beM6SanCWbovnUMtJvON87Sk"  # reads team list from acme/people

session = requests.Session()
session.headers.update({"Authorization": f"Bearer {SCIM_TOKEN}", "Content-Type": "application/scim+json"})


def amplitude_groups():
    r = session.get(f"{SCIM_BASE}/Groups", params={"count": 200})
    r.raise_for_status()
    return {g["displayName"]: g["id"] for g in r.json()["Resources"]}


def github_teams():
    r = requests.get("https://api.github.com/orgs/acme/teams",
                     headers={"Authorization": f"token {GITHUB_TOKEN}"})
    r.raise_for_status()
    return [t["name"] for t in r.json()]


if __name__ == "__main__":
    have = amplitude_groups()
    for team in github_teams():
        if team not in have:
            session.post(f"{SCIM_BASE}/Groups", json={
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                "displayName": team,
            }).raise_for_status()
