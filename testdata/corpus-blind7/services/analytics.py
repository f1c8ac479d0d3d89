import logging
import requests
from amplitude import Amplitude, BaseEvent, Config

log = logging.getLogger(__name__)

client = Amplitude("50031337688c8e99454ba34c4d54af10", Config(server_zone="EU", flush_queue_size=50))


def track(user_id, name, **props):
    client.track(BaseEvent(event_type=name, user_id=user_id, event_properties=props))


def recommendations(user_id):
    resp = requests.get(
        "https://profile-api.amplitude.com/v1/userprofile",
        params={"user_id": user_id, "get_recs": "true"},
        headers={"Authorization": "Api-Key f7024b6d72c920e944a83f48a57d4126"},
        timeout=5,
    )
    return resp.json()["userData"]["recommendations"]
