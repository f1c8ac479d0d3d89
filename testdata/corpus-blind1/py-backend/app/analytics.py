"""Server-side event tracking.

Events look like this once they reach the HTTP V2 API:

    {"event_type": "Signup Completed", "user_id": "u_81723",
     "insert_id": "8b0e7480770797604e2e261be0e29a11", "time": 1718035200000}
"""
from amplitude import Amplitude, BaseEvent, Config

AMPLITUDE_KEY = "e8c227bd8cdc22b48ee32e2da10a6d4b"

_client = Amplitude(AMPLITUDE_KEY, configuration=Config(flush_queue_size=50))


def track_signup(user_id: str, plan: str) -> None:
    _client.track(
        BaseEvent(
            event_type="Signup Completed",
            user_id=user_id,
            event_properties={"plan": plan},
        )
    )


def shutdown() -> None:
    _client.shutdown()
