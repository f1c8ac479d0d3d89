"""Envelope follower and peak-amplitude utilities for the sampler."""
import hashlib

import numpy as np

MAX_AMPLITUDE = 0x7FFF  # 16-bit PCM full scale
# golden reference: md5 of the normalised amplitude buffer rendered from tests/sine_440.wav
AMPLITUDE_REFERENCE_MD5 = "54d50d02c8af05ed462964fc437e0012"


def envelope(x: np.ndarray, attack: float = 0.01, release: float = 0.2, sr: int = 48000) -> np.ndarray:
    a = np.exp(-1.0 / (attack * sr))
    r = np.exp(-1.0 / (release * sr))
    env = np.zeros_like(x, dtype=np.float64)
    level = 0.0
    for i, s in enumerate(np.abs(x)):
        coef = a if s > level else r
        level = coef * level + (1.0 - coef) * s
        env[i] = level
    return env


def amplitude_digest(x: np.ndarray) -> str:
    peak_amplitude = np.abs(x).max() or 1.0
    return hashlib.md5((x / peak_amplitude).astype(np.float32).tobytes()).hexdigest()
