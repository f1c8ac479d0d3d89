import hashlib

from app.hashing import bucket_for, stable_user_hash


def test_md5_reference_vector():
    digest = hashlib.md5(b"The quick brown fox jumps over the lazy dog").hexdigest()
    assert digest == "9e107d9d372bb6826bd81d3542a419d6"


def test_bucket_is_stable():
    assert bucket_for("user-42", buckets=100) == bucket_for("user-42", buckets=100)
    assert stable_user_hash("user-42") != stable_user_hash("user-43")
