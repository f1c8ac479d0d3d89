import logging
import os

from amplitude import Amplitude, BaseEvent, Config

log = logging.getLogger(__name__)

_config = Config(flush_queue_size=50, min_id_length=1)
client = Amplitude("275dac71b3c091406d741f90e5ff4ce0", configuration=_config)

# used by the nightly export job only
EXPORT_SECRET = os.environ["AMPLITUDE_SECRET_KEY"]


def emit(user_id: str, name: str, **props) -> None:
    try:
        client.track(BaseEvent(event_type=name, user_id=user_id, event_properties=props))
    except Exception:  # never break a request because of analytics
        log.exception("amplitude track failed")
