# exercise: backward_single
# diagnosis: It has the wrong sign: da = -y/a + (1 - y)/(1 - a)
# da with both terms' signs flipped: y/a - (1 - y)/(1 - a).
import numpy as np


def backward_single(x, y, w, b):
    z = float(np.dot(w.T, x)[0, 0] + b)
    a = 1.0 / (1.0 + np.exp(-z))
    da = y / a - (1 - y) / (1 - a)
    dz = a - y
    return {"z": z, "a": a, "da": da, "dz": dz, "dw": x * dz, "db": dz}
