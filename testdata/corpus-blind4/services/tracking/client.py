import atexit

from amplitude import Amplitude, BaseEvent, Config

_client = Amplitude(
    "593d241b8f34f53cebe5e219e2e6edb4",
    Config(flush_queue_size=50, server_zone="US"),
)
atexit.register(_client.shutdown)


def track(user_id: str, event_type: str, **props) -> None:
    _client.track(BaseEvent(event_type=event_type, user_id=user_id, event_properties=props))
