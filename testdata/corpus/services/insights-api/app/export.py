"""Nightly raw export and profile enrichment."""
import requests

EXPORT_URL = "https://amplitude.com/api/2/export"

API_KEY = "a417a9d42cf8276f851ac92d5fa98aaf"  # want: api-key
SECRET_KEY = "a26aed4a5f13abd8480585330da22826"  # want: secret-key


def export(start: str, end: str) -> bytes:
    r = requests.get(EXPORT_URL, params={"start": start, "end": end}, auth=(API_KEY, SECRET_KEY), timeout=300)
    r.raise_for_status()
    return r.content


def profile(user_id: str) -> dict:
    params = {"user_id": user_id, "get_amp_props": "true"}
    return requests.get("https://profile-api.amplitude.com/v1/userprofile", params=params, headers={"Authorization": "Api-Key a26aed4a5f13abd8480585330da22826"}).json()  # want: secret-key
