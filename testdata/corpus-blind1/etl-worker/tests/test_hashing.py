import hashlib

from etl.dedupe import insert_id_for


def test_md5_rfc1321_vector():
    assert hashlib.md5(b"abc").hexdigest() == "900150983cd24fb0d6963f7d28e17f72"


def test_insert_id_is_md5_of_payload():
    # Amplitude dedupes on insert_id, so replays must hash to the same value
    payload = b'{"event_type":"Page Viewed","user_id":"u_1"}'
    assert insert_id_for(payload) == hashlib.md5(payload).hexdigest()
