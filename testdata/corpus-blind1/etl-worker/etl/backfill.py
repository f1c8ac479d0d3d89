"""One-off backfill after the 2023-11 pipeline outage."""
import datetime as dt
import io
import zipfile

import requests

EXPORT_URL = "https://8de3f2234c2f68011219cec07b53657e:81c1c8c6cd9e7f0fb8a915b6084b462b@amplitude.com/api/2/export"


def fetch(day: dt.date) -> zipfile.ZipFile:
    params = {"start": day.strftime("%Y%m%dT00"), "end": day.strftime("%Y%m%dT23")}
    resp = requests.get(EXPORT_URL, params=params, timeout=300)
    resp.raise_for_status()
    return zipfile.ZipFile(io.BytesIO(resp.content))
