# exercise: backward_single
# The textbook da = -y/a + (1 - y)/(1 - a), z taken out of the (1, 1) array with .item().
import numpy as np


def backward_single(x, y, w, b):
    z = np.dot(w.T, x).item() + b
    a = 1 / (1 + np.exp(-z))
    da = -y / a + (1 - y) / (1 - a)
    dz = a - y
    dw = x * dz
    db = dz
    return {"z": z, "a": a, "da": da, "dz": dz, "dw": dw, "db": db}
