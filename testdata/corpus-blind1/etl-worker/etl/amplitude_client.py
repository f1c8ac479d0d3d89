import requests

API_BASE = "https://amplitude.com/api/2"
PROFILE_API = "https://profile-api.amplitude.com/v1/userprofile"


def list_events():
    resp = requests.get(
        f"{API_BASE}/events/list",
        auth=("d95de6f2532d5c1ed00d95ae280f8bd1", "826d57be68c17bdc08b104a54b772be0"),
        timeout=30,
    )
    resp.raise_for_status()
    return resp.json()["data"]


def user_profile(user_id: str) -> dict:
    resp = requests.get(
        PROFILE_API,
        params={"user_id": user_id, "get_amp_props": "true"},
        headers={"Authorization": "Api-Key bcfe2c9383010c84337b2e0cec0f8b58"},
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json()["userData"]
