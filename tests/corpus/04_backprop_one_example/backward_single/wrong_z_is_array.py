# exercise: backward_single
# diagnosis: should be a single number
# Keeps z as the (1, 1) array that w^T x gives: the values are right, but "z" is not a number.
import numpy as np


def backward_single(x, y, w, b):
    z = np.dot(w.T, x) + b
    a = float(sigmoid(z)[0, 0])
    da = -y / a + (1 - y) / (1 - a)
    dz = a - y
    dw = x * dz
    db = dz
    return {"z": z, "a": a, "da": da, "dz": dz, "dw": dw, "db": db}
