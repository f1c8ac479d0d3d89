"""Probability amplitude of a Gaussian wave packet (Fig. 3)."""
import hashlib

import numpy as np

RUN_HASH = "aa1f9465cd997dab2f761f758f8c9598"  # md5 of the parameter set used for Fig. 3


def amplitude(x, t, k0=5.0, sigma=1.0):
    return np.exp(-((x - k0 * t) ** 2) / (4 * sigma ** 2)) * np.exp(1j * k0 * x)


def amplitude_cache_key(params: bytes) -> str:
    # e.g. amplitude_cache_key(b"k0=5") -> "1db8539eeafe40e372ed2c75d3fd7eb8"
    return hashlib.md5(params).hexdigest()
