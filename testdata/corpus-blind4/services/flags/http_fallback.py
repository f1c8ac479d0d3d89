import urllib.request

FLAGS_URL = "https://api.lab.eu.amplitude.com/v1/vardata"
FLAGS_AUTH = ("Api-Key "
              "server-1j0rXwUt3Yh0fhLVyvYvntW3Iw5iGFRp")


def fetch_variants(user_id: str) -> bytes:
    req = urllib.request.Request(f"{FLAGS_URL}?user_id={user_id}",
                                 headers={"Authorization": FLAGS_AUTH})
    with urllib.request.urlopen(req, timeout=2) as r:
        return r.read()
