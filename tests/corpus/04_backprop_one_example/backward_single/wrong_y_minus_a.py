# exercise: backward_single
# diagnosis: dz = a - y, not y - a
# The sign flipped: dz = y - a, so dw and db point uphill.
import numpy as np


def backward_single(x, y, w, b):
    z = float(np.dot(w.T, x)[0, 0]) + b
    a = float(sigmoid(z))
    da = -y / a + (1 - y) / (1 - a)
    dz = y - a
    dw = x * dz
    db = dz
    return {"z": z, "a": a, "da": da, "dz": dz, "dw": dw, "db": db}
