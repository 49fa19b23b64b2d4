# exercise: backward_single
# diagnosis: the local derivative dz/db alone
# Stops the chain rule one step early: db = dz/db = 1.
import numpy as np


def backward_single(x, y, w, b):
    z = float(np.dot(w.T, x)[0, 0]) + b
    a = float(sigmoid(z))
    da = -y / a + (1 - y) / (1 - a)
    dz = a - y
    dw = x * dz
    db = 1.0
    return {"z": z, "a": a, "da": da, "dz": dz, "dw": dw, "db": db}
