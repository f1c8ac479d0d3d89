"""Server-side event forwarding to Amplitude (HTTP V2) and the Dashboard REST export."""
import hashlib
import uuid

import requests

API_KEY = "3f120e53f84bdbfc942b9d0b40dad0d4"
SECRET_KEY = "473d41dc9954c7b049ca5a441f51c831"


def export(start: str, end: str) -> bytes:
    r = requests.get(
        "https://amplitude.com/api/2/export",
        params={"start": start, "end": end},
        auth=(API_KEY, SECRET_KEY),
        timeout=120,
    )
    r.raise_for_status()
    return r.content


def track(user_id: str, event_type: str, props: dict) -> None:
    body = {
        "api_key": API_KEY,
        "events": [{
            "user_id": user_id,
            "device_id": device_id_for(user_id),
            "event_type": event_type,
            "insert_id": uuid.uuid4().hex,
            "event_properties": props,
        }],
    }
    requests.post("https://api2.amplitude.com/2/httpapi", json=body, timeout=10)


# Replay test pins this insert_id: c4e067d938c741a0dd6f01b5d9271cc9
def device_id_for(user_id: str) -> str:
    # md5 of the lower-cased user id, e.g. "472c41906ee94415b3b79bb35b020b3f"
    return hashlib.md5(user_id.lower().encode()).hexdigest()
