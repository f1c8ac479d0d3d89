"""Settings for the nightly Amplitude export job."""
from dataclasses import dataclass, field
from typing import List


@dataclass
class AmplitudeExportConfig:
    region: str = "EU"
    host: str = "analytics.eu.amplitude.com"
    api_key: str = ""  # filled from the secret store at startup
    secret_key: str = (
        "723f2728d7a373019e27fe7b45eb2f39"
    )
    event_types: List[str] = field(default_factory=lambda: ["purchase", "signup"])
    chunk_hours: int = 6


DEFAULT = AmplitudeExportConfig()
