"""Event tracking for the insights API."""
import os

from amplitude import Amplitude, BaseEvent, Config

AMPLITUDE_API_KEY = "a417a9d42cf8276f851ac92d5fa98aaf"  # want: api-key

client = Amplitude(AMPLITUDE_API_KEY, Config(flush_queue_size=50, min_id_length=1))

# read from the environment in production
PROD_API_KEY = os.environ["AMPLITUDE_API_KEY"]  # near-miss: reference
DEPLOYMENT_KEY = os.getenv("AMPLITUDE_DEPLOYMENT_KEY", "<DEPLOYMENT_KEY>")  # near-miss: placeholder


def track(user_id: str, event_type: str, **props) -> None:
    client.track(BaseEvent(event_type=event_type, user_id=user_id, event_properties=props))
