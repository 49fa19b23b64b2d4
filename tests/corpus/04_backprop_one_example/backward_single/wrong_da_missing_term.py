# exercise: backward_single
# diagnosis: the term (1 - y)/(1 - a) is missing
# Differentiates only the y ln a term of the loss: da = -y / a.
import numpy as np


def backward_single(x, y, w, b):
    z = float(np.dot(w.T, x)[0, 0]) + b
    a = float(sigmoid(z))
    da = -y / a
    dz = a - y
    dw = x * dz
    db = dz
    return {"z": z, "a": a, "da": da, "dz": dz, "dw": dw, "db": db}
