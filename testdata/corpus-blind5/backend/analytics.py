from amplitude import Amplitude, BaseEvent, Config

config = Config(flush_queue_size=50, server_zone="EU")
client = Amplitude('6c1d63986e58535f792f908a94140bfd', configuration=config)


def track_signup(user_id: str) -> None:
    client.track(BaseEvent(event_type="Sign Up", user_id=user_id))
