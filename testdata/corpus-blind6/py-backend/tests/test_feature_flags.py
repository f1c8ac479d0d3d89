from app.logging import mask_key

FAKE_DEPLOYMENT_KEY = "server-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
MD5_FOX = "9e107d9d372bb6826bd81d3542a419d6"  # md5("The quick brown fox jumps over the lazy dog")


def test_mask_key_keeps_prefix():
    assert mask_key(FAKE_DEPLOYMENT_KEY) == "serv****(39)"


def test_md5_not_masked():
    assert mask_key(MD5_FOX) == MD5_FOX
