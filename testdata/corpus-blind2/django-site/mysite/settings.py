"""Django settings for mysite."""
import os
from pathlib import Path

import environ

env = environ.Env()
BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "django-insecure-oigpualqg5362k923o5nj8mbbsfxzyrrd33665oxhxneo5nevc"
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = ["app.acme.example"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "analytics",
]

# --- Amplitude -------------------------------------------------------------
AMPLITUDE_API_KEY = os.environ["AMPLITUDE_API_KEY"]
AMPLITUDE_SECRET_KEY = env("AMPLITUDE_SECRET_KEY", default="51e364fe6fd4f3f599a41aa0afbdfdaa")
AMPLITUDE_ORG_ID = 73421
AMPLITUDE_EXPORT_URL = "https://analytics.eu.amplitude.com/api/2/export"
