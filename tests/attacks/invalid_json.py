# class: invalid JSON and non-UTF-8 notebooks
# notebook: invalid-json
# --- honest
import numpy as np


def propagate(w, b, X, Y):
    # wrong on purpose: the gradients and the cost are all zero
    return {"dw": np.zeros_like(w, dtype=float), "db": 0.0}, 0.0

# --- attack
