"""Nightly raw event export from Amplitude to S3."""
import datetime as dt
import os

import requests

EXPORT_URL = "https://amplitude.com/api/2/export"


def run(day: dt.date) -> bytes:
    params = {"start": day.strftime("%Y%m%dT00"), "end": day.strftime("%Y%m%dT23")}
    resp = requests.get(
        EXPORT_URL,
        params=params,
        auth=("d6833c9a3923b20577d742eb3b69af41", "40c4617401cb09e9fade4cf7f6fc6dc4"),
        timeout=600,
    )
    resp.raise_for_status()
    return resp.content


def run_from_env(day):
    return requests.get(EXPORT_URL, auth=(os.environ["AMPLITUDE_API_KEY"], os.environ["AMPLITUDE_SECRET_KEY"]))
