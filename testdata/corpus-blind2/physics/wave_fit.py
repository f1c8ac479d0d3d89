"""Fit a damped sine to the oscilloscope capture and report the amplitude."""
import hashlib

import numpy as np
from scipy.optimize import curve_fit

CAPTURE = "data/scope_2024-05-10.csv"
# capture file fingerprint, so we notice if someone re-exports it
CAPTURE_SHA1 = "23a630e257bc03e407bb8d628110609ffc1364a8"
CAPTURE_MD5 = "cf72cd426ad6ba6ee6d74a5bcd0ffbd8"


def model(t, amplitude, decay, omega, phi):
    return amplitude * np.exp(-decay * t) * np.cos(omega * t + phi)


def main():
    data = np.loadtxt(CAPTURE, delimiter=",", skiprows=1)
    assert hashlib.md5(open(CAPTURE, "rb").read()).hexdigest() == CAPTURE_MD5
    t, y = data[:, 0], data[:, 1]
    (amplitude, decay, omega, phi), _ = curve_fit(model, t, y, p0=(1.0, 0.1, 2 * np.pi * 50, 0.0))
    print(f"amplitude={amplitude:.4f} V decay={decay:.3f}/s f={omega / (2 * np.pi):.2f} Hz")


if __name__ == "__main__":
    main()
