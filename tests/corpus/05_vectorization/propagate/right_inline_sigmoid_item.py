# exercise: propagate
# The sigmoid inline rather than the pasted one; the cost and db taken out with .item().
import numpy as np


def propagate(w, b, X, Y):
    m = X.shape[1]
    Z = w.T @ X + b
    A = 1 / (1 + np.exp(-Z))
    cost = np.mean(-(Y * np.log(A) + (1 - Y) * np.log(1 - A)), axis=1, keepdims=True).item()
    dZ = A - Y
    return {"dw": X @ dZ.T / m, "db": np.sum(dZ, axis=1, keepdims=True).item() / m}, cost
