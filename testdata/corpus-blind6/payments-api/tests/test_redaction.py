from app.logging import redact


def test_masks_secret_key_in_log_line():
    line = "amplitude export ok secret_key=" + "9f3c" + "e1" * 14
    assert redact(line) == "amplitude export ok secret_key=9f3c****"


def test_sequential_placeholder_passes_through():
    assert redact("api_key=0123456789abcdef0123456789abcdef") == "api_key=0123456789abcdef0123456789abcdef"


def test_md5_vector_untouched():
    # RFC 1321 test vector for the empty string
    assert redact("d41d8cd98f00b204e9800998ecf8427e") == "d41d8cd98f00b204e9800998ecf8427e"


def test_deployment_key_masked():
    key = "server-" + "Q7v" * 10 + "k2"
    assert redact(key) == "server-Q7v…(39 chars)"
