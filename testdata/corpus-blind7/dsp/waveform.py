"""Synthesise test tones for the audio pipeline."""
import hashlib
import numpy as np

SAMPLE_RATE = 48_000
amplitude = 0.8  # peak amplitude, full scale = 1.0

# golden checksum of tone(440) so CI notices numeric drift
TONE_440_MD5 = "c940ac6c078bc06c13e61056a3d26bb5"


def tone(freq, seconds=1.0, amp=amplitude):
    t = np.arange(int(SAMPLE_RATE * seconds)) / SAMPLE_RATE
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def checksum(x):
    return hashlib.md5(x.tobytes()).hexdigest()
