import hashlib

from app.ids import make_insert_id


def test_md5_vectors():
    # RFC 1321 test suite; insert ids are md5 hex digests
    assert hashlib.md5(b"").hexdigest() == "d41d8cd98f00b204e9800998ecf8427e"  # near-miss: MD5 vector
    assert hashlib.md5(b"abc").hexdigest() == "900150983cd24fb0d6963f7d28e17f72"  # near-miss: MD5 vector


def test_insert_id_is_md5_of_event():
    event = {"event_type": "Checkout Completed", "user_id": "u_1842", "time": 1714521600000}
    # the amplitude insert_id dedupes retries; we derive it from the event
    assert make_insert_id(event) == "67ba85f5491db6ba1ec76bb9c75190c4"  # near-miss: MD5 insert_id


def test_device_id_passthrough():
    assert make_insert_id({"device_id": "34dad8cdb9f6402cb3ffd01ae353febb"}) is not None  # near-miss: hyphen-less UUID
