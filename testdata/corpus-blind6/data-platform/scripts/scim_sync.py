"""Push Okta group membership into Amplitude through SCIM 2.0."""
import requests

OKTA_ORG = "https://acme.okta.com"
OKTA_API_TOKEN = "00HMguY3W8xcNXIsymV0cqg8MhGQE-KWzCVtJEUzBe"
AMPLITUDE_SCIM_KEY = "4y5G8k4B7mM4M3NLolaj4qFm9UoThjjt0Io96KKRucyqaYTyWf29"
SCIM_BASE = "https://core.amplitude.com/scim/1"


def amplitude_groups():
    r = requests.get(
        f"{SCIM_BASE}/Groups",
        headers={"Authorization": f"Bearer {AMPLITUDE_SCIM_KEY}"},
        params={"count": 100},
        timeout=30,
    )
    r.raise_for_status()
    return r.json()["Resources"]
