import sys

import requests

SCIM_BASE = "https://core.amplitude.com/scim/1"

session = requests.Session()
session.headers.update({
    "Authorization": "Bearer ENefbCU92t6o3d0jE3TUQz3gYKuNpOfH32Aa3wBwAVJOwj_UhUKb",
    "Content-Type": "application/scim+json",
})


def deprovision(email: str) -> None:
    found = session.get(f"{SCIM_BASE}/Users", params={"filter": f'userName eq "{email}"'}).json()
    for user in found.get("Resources", []):
        session.delete(f"{SCIM_BASE}/Users/{user['id']}").raise_for_status()
        print("removed", email)


if __name__ == "__main__":
    for addr in sys.argv[1:]:
        deprovision(addr)
