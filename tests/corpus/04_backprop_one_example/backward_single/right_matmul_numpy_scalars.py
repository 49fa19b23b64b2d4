# exercise: backward_single
# The @ operator and .item(); every scalar returned as a numpy float64 rather than a Python float.
import numpy as np


def backward_single(x, y, w, b):
    z = np.float64((w.T @ x).item() + b)
    a = np.float64(sigmoid(z))
    da = -y / a + (1 - y) / (1 - a)
    dz = np.float64(a - y)
    dw = x * dz
    db = np.float64(dz)
    return {"z": z, "a": a, "da": da, "dz": dz, "dw": dw, "db": db}
