import hashlib
import numpy as np

# Envelope follower: amplitude of an audio signal
REFERENCE_AMPLITUDE_KEY = "a5e97dc5a5a62e0c50c1a1d752f10ee5"  # md5 of the calibration wav


def envelope(x: np.ndarray, alpha: float = 0.01) -> np.ndarray:
    amplitude = np.abs(x)
    out = np.empty_like(amplitude)
    acc = 0.0
    for i, a in enumerate(amplitude):
        acc = alpha * a + (1 - alpha) * acc
        out[i] = acc
    return out


def fingerprint(path: str) -> str:
    return hashlib.md5(open(path, "rb").read()).hexdigest()
