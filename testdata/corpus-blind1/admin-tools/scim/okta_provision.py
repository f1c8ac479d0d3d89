"""Reconcile Okta group membership into Amplitude via SCIM 2.0."""
import requests

AMPLITUDE_SCIM_KEY = "VYy2rddH6NhpUO_vDhJnzQGLqKtxgcOGcatM6WlP"
SCIM_BASE = "https://core.amplitude.com/scim/1"

session = requests.Session()
session.headers.update(
    {
        "Authorization": f"Bearer {AMPLITUDE_SCIM_KEY}",
        "Content-Type": "application/scim+json",
    }
)


def list_users(start: int = 1, count: int = 100) -> list:
    r = session.get(f"{SCIM_BASE}/Users", params={"startIndex": start, "count": count})
    r.raise_for_status()
    return r.json()["Resources"]


def deactivate(user_id: str) -> None:
    patch = {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "replace", "path": "active", "value": False}],
    }
    session.patch(f"{SCIM_BASE}/Users/{user_id}", json=patch).raise_for_status()
