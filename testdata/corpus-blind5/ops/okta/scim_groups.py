import requests

SCIM = "https://core.eu.amplitude.com/scim/1"
session = requests.Session()
session.headers.update({
    "Authorization": "Bearer 6Qm1leg28CgSwJyTmL9jCsfpgDhW0V7lU8TJ6Yu0AFWbHlh2UJAmIC2W",
    "Accept": "application/scim+json",
})
print(session.get(f"{SCIM}/Groups", params={"count": 1}).json())
