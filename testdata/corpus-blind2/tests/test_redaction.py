"""Log redaction must never let an Amplitude credential through."""
import pytest

from acme.logging import redact


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("key=server-" + "a1B2" * 8, "key=server-a1B…"),
        ("Authorization: Api-Key client-" + "Zz9" * 10 + "Zz", "Authorization: Api-Key client-Zz9…"),
    ],
)
def test_deployment_keys_are_truncated(raw, expected):
    assert redact(raw) == expected


def test_secret_key_is_masked():
    line = "AMPLITUDE_SECRET_KEY=" + "f" * 32
    assert redact(line) == "AMPLITUDE_SECRET_KEY=********************************"


def test_masked_output_is_stable():
    # What the dashboard shows for a redacted server key.
    assert redact("server-abc…") == "server-abc…"
    assert "ffffffffffffffffffffffffffffffff" not in redact("AMPLITUDE_SECRET_KEY=" + "f" * 32)
