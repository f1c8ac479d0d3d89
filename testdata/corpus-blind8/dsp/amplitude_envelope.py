"""Amplitude envelope follower for the audio meter (nothing to do with analytics)."""
import hashlib

import numpy as np

# md5 of tests/fixtures/sine_440.wav, checked before the regression test runs
FIXTURE_MD5 = "d1d2b9ae2f403df3b5c7781569213bd1"


def envelope(x: np.ndarray, attack: float = 0.01, release: float = 0.1, sr: int = 48000) -> np.ndarray:
    a = np.exp(-1.0 / (attack * sr))
    r = np.exp(-1.0 / (release * sr))
    out = np.zeros_like(x)
    amplitude = 0.0
    for i, s in enumerate(np.abs(x)):
        coeff = a if s > amplitude else r
        amplitude = coeff * amplitude + (1 - coeff) * s
        out[i] = amplitude
    return out


def fixture_ok(path: str) -> bool:
    with open(path, "rb") as fh:
        return hashlib.md5(fh.read()).hexdigest() == FIXTURE_MD5
