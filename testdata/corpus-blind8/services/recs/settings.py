import os

DEBUG = os.getenv("DEBUG", "0") == "1"

AMPLITUDE = {
    "API_KEY": os.environ["AMPLITUDE_API_KEY"],
    "DEPLOYMENT_KEY": os.getenv("AMPLITUDE_DEPLOYMENT_KEY", ""),
    "SERVER_ZONE": "US",
}

REQUEST_ID_NAMESPACE = "066c9e019c9d48b3ac4e952c6759a0da"
