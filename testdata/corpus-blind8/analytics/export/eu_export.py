import datetime as dt
import io
import zipfile

import requests

# EU data center project "web-prod-eu"
API_KEY = 'fb06b929c02cfa05f6d38530ca514cb5'
SECRET_KEY = 'fed0d9e9768ddb3f0dd211ed2f517f6c'
EXPORT = "https://analytics.eu.amplitude.com/api/2/export"


def export(day: dt.date) -> zipfile.ZipFile:
    start = day.strftime("%Y%m%dT00")
    end = day.strftime("%Y%m%dT23")
    r = requests.get(EXPORT, params={"start": start, "end": end}, auth=(API_KEY, SECRET_KEY), timeout=600)
    r.raise_for_status()
    return zipfile.ZipFile(io.BytesIO(r.content))


if __name__ == "__main__":
    z = export(dt.date.today() - dt.timedelta(days=1))
    print(len(z.namelist()), "files")
