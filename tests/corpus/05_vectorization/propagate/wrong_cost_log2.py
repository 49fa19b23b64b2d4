# exercise: propagate
# diagnosis: It uses log2
# The cost in bits: np.log2 instead of the natural logarithm.
import numpy as np


def propagate(w, b, X, Y):
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    cost = float(-np.mean(Y * np.log2(A) + (1 - Y) * np.log2(1 - A)))
    dZ = A - Y
    return {"dw": X @ dZ.T / m, "db": float(np.mean(dZ))}, cost
