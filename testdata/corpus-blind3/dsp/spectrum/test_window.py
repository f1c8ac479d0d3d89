import hashlib

import numpy as np

from spectrum.window import amplitude_spectrum, hann

# digest of the golden amplitude spectrum (float32 bytes) for a 1 kHz tone at 48 kHz
GOLDEN_AMPLITUDE_MD5 = "0591ea210686cc8b0b3f79f17164cc25"


def test_golden_spectrum():
    t = np.arange(4800) / 48_000
    tone = np.sin(2 * np.pi * 1_000 * t).astype(np.float32)
    spec = amplitude_spectrum(tone * hann(len(tone))).astype(np.float32)
    assert hashlib.md5(spec.tobytes()).hexdigest() == GOLDEN_AMPLITUDE_MD5
