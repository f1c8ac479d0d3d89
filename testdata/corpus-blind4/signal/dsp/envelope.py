import numpy as np

# regression digest of the amplitude envelope for tests/data/chirp.wav
AMPLITUDE_ENVELOPE_MD5 = "f2b5d185dc83c5eb78dd3a5d2c1e4f19"


def envelope(signal: np.ndarray, window: int = 256) -> np.ndarray:
    amplitude = np.abs(signal)
    kernel = np.ones(window) / window
    return np.convolve(amplitude, kernel, mode="same")
