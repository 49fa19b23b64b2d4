# exercise: backward_single
# diagnosis: it is transposed
# dw = x^T dz: a row (1, n_x) instead of a column shaped like w.
import numpy as np


def backward_single(x, y, w, b):
    z = float(np.dot(w.T, x)[0, 0]) + b
    a = float(sigmoid(z))
    da = -y / a + (1 - y) / (1 - a)
    dz = a - y
    dw = x.T * dz
    db = dz
    return {"z": z, "a": a, "da": da, "dz": dz, "dw": dw, "db": db}
