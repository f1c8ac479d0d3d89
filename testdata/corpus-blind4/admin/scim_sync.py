import os
import requests

SCIM_BASE = "https://core.amplitude.com/scim/1"
SESSION = requests.Session()
SESSION.headers.update({
    "Authorization": "Bearer 9tDliHMRzBDJOikgE2QROA_onetZqtPMRaemA5ThkvEks",
    "Content-Type": "application/scim+json",
})


def deactivate(user_id: str) -> None:
    SESSION.patch(f"{SCIM_BASE}/Users/{user_id}", json={
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "replace", "value": {"active": False}}],
    }).raise_for_status()
