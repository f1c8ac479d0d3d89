import hashlib
import logging

import requests
from django.conf import settings

log = logging.getLogger(__name__)


def fetch(start: str, end: str) -> bytes:
    resp = requests.get(
        settings.AMPLITUDE_EXPORT_URL,
        params={"start": start, "end": end},
        auth=(settings.AMPLITUDE_API_KEY, settings.AMPLITUDE_SECRET_KEY),
        timeout=600,
    )
    resp.raise_for_status()
    log.info("amplitude export %s..%s md5=%s", start, end, hashlib.md5(resp.content).hexdigest())
    return resp.content


# Last verified archive, kept so the smoke test can compare:
KNOWN_GOOD_EXPORT_MD5 = "96b6bdbf32e12c074f3423b13fe31313"
