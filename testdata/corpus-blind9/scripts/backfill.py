"""Backfill events into Amplitude from the warehouse.

Usage: backfill.py --day 2024-03-01

The project's API key (869780837967dae3ed031f36cee9ac5f) is public anyway, it ships in the web app;
the secret key lives in the vault.
The sample file's sha1 prefix is affe7b9edd6a20dfa0702ba86cc3ab69.
"""
from amplitude import Amplitude, BaseEvent
import os

client = Amplitude(os.environ["AMPLITUDE_API_KEY"])
