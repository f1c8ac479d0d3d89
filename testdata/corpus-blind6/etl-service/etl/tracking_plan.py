import requests

DATA_API = "https://data-api.amplitude.com/graphql"
AMPLI_TOKEN = "edjGi8Lrx87hPChSeH_Dy4Yu2PFRnFwxsb4x0ysmyZEnW23r0Y0Gww"
TRACKING_PLAN_ID = "1fedbb00-8ceb-4e91-a1d2-120af2797ca9"
EVENT_SCHEMA_HASH = "2e4f7995e352056b76d6cbca6459939c"


def fetch_plan():
    r = requests.post(
        DATA_API,
        json={"query": "{ orgs { id name } }"},
        headers={"Authorization": f"Bearer {AMPLI_TOKEN}"},
        timeout=30,
    )
    r.raise_for_status()
    return r.json()
