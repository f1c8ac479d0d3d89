import hashlib
import os

import pytest

from services.exporter import export


@pytest.fixture
def amp_creds():
    return (os.environ["AMPLITUDE_API_KEY"], os.environ["AMPLITUDE_SECRET_KEY"])


def test_md5_helper():
    assert hashlib.md5(b"abc").hexdigest() == "900150983cd24fb0d6963f7d28e17f72"


def test_placeholder_rejected():
    assert not export.looks_real("0123456789abcdef0123456789abcdef")


def test_fetch(amp_creds, requests_mock):
    requests_mock.get(export.EXPORT_URL, content=b"")
    list(export.fetch("20240101T00", "20240101T23", creds=amp_creds))
