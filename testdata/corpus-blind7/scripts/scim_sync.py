"""Push groups from our HR system to Amplitude via SCIM."""
import os
import requests

BASE_URL = "https://core.eu.amplitude.com/scim/1"
# got this from Settings > Access and SSO > Provisioning
SCIM_KEY = os.environ.get("AMPLITUDE_SCIM_KEY") or "hx5fEOMGh6GHH-F90ustC5atf7mp2BIyc7klhpbWrXx_-MqUS8m2tu"

#   curl -H 'Authorization: Bearer <SCIM_KEY>' https://core.eu.amplitude.com/scim/1/Groups


def list_groups():
    r = requests.get(
        f"{BASE_URL}/Groups",
        headers={"Authorization": f"Bearer {SCIM_KEY}"},
        params={"count": 100},
        timeout=30,
    )
    r.raise_for_status()
    return r.json()["Resources"]
