import requests

PROFILE_URL = "https://profile-api.amplitude.com/v1/userprofile"
_HEADERS = {"Authorization": "Api-Key 2d8cf64d70767ed66a9560dc5a66ef43"}


def recommendations(user_id: str, rec_id: str = "q9x2k1b") -> list[str]:
    r = requests.get(
        PROFILE_URL,
        params={"user_id": user_id, "get_recs": "true", "rec_id": rec_id},
        headers=_HEADERS,
        timeout=2,
    )
    r.raise_for_status()
    recs = r.json()["userData"]["recommendations"]
    return recs[0]["items"] if recs else []
