import requests

BASE = "https://experiment.eu.amplitude.com/api/1"

resp = requests.get(
    f"{BASE}/flags",
    params={"limit": 100},
    headers={"Authorization": "Bearer zVgO9WLdYVs8Vc1l8WUWdP2hCITBXd6Rx6HnUvaicM-vruy_ae", "Accept": "application/json"},
)
print(resp.json())
