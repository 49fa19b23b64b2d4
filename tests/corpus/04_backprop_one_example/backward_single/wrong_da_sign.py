# exercise: backward_single
# diagnosis: the derivative of ln(1 - a) is -1/(1 - a)
# Forgets the inner derivative -1 of ln(1 - a): da = -y / a - (1 - y) / (1 - a).
import numpy as np


def backward_single(x, y, w, b):
    z = float(np.dot(w.T, x)[0, 0]) + b
    a = float(sigmoid(z))
    da = -y / a - (1 - y) / (1 - a)
    dz = a - y
    dw = x * dz
    db = dz
    return {"z": z, "a": a, "da": da, "dz": dz, "dw": dw, "db": db}
