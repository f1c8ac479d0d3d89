#!/usr/bin/env python3
# Pull yesterday's raw events from the Export API into ./exports/<day>.zip
import datetime as dt
import pathlib
import sys

import requests

EXPORT_URL = "https://amplitude.com/api/2/export"


def fetch(day: dt.date) -> pathlib.Path:
    start, end = day.strftime("%Y%m%dT00"), day.strftime("%Y%m%dT23")
    resp = requests.get(EXPORT_URL, params={"start": start, "end": end},
                        auth=("194902a307bad2f34fcbc70487d66247", "2533be5d101fe51af83ee7a6d2079b10"), timeout=300)
    resp.raise_for_status()
    out = pathlib.Path("exports") / f"{day:%Y%m%d}.zip"
    out.parent.mkdir(exist_ok=True)
    out.write_bytes(resp.content)
    return out


if __name__ == "__main__":
    day = dt.date.fromisoformat(sys.argv[1]) if len(sys.argv) > 1 else dt.date.today() - dt.timedelta(days=1)
    print(fetch(day))
