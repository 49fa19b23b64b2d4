# exercise: backward_single
# diagnosis: the sigmoid's derivative must be taken at z
# Chain rule with sigma' evaluated at a instead of z: dz = da * sigma(a) (1 - sigma(a)).
import numpy as np


def backward_single(x, y, w, b):
    z = float(np.dot(w.T, x)[0, 0]) + b
    a = float(sigmoid(z))
    da = -y / a + (1 - y) / (1 - a)
    dz = da * float(sigmoid(a)) * (1 - float(sigmoid(a)))
    dw = x * dz
    db = dz
    return {"z": z, "a": a, "da": da, "dz": dz, "dw": dw, "db": db}
