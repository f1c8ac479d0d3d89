import os

AMPLITUDE_API_KEY = os.environ["AMPLITUDE_API_KEY"]
# TODO(OPS-412): drop the fallback once the secret is in Vault
AMPLITUDE_SECRET_KEY = os.environ.get("AMPLITUDE_SECRET_KEY", "2bd19c40d0cb6c87543a2209ddb18b76")
AMPLITUDE_EXPORT_URL = "https://amplitude.com/api/2/export"

STRIPE_API_KEY = os.getenv("STRIPE_API_KEY", "sk_test_GK47tuGGunCpW9YAigLoCIYl")
ALGOLIA_APP_ID = "Fsk5qfSnjn"
ALGOLIA_ADMIN_KEY = "562805f315d7db38d3ac24bd14e13ea5"
