# exercise: backward_single
# diagnosis: It is w times dz
# Differentiates w^T x with respect to w_j as w_j: dw = w dz.
import numpy as np


def backward_single(x, y, w, b):
    z = float(np.dot(w.T, x)[0, 0]) + b
    a = float(sigmoid(z))
    da = -y / a + (1 - y) / (1 - a)
    dz = a - y
    dw = w * dz
    db = dz
    return {"z": z, "a": a, "da": da, "dz": dz, "dw": dw, "db": db}
