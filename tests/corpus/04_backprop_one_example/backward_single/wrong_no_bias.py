# exercise: backward_single
# diagnosis: z = w^T x + b
# Forgets the bias in the forward pass: z = w^T x.
import numpy as np


def backward_single(x, y, w, b):
    z = float(np.dot(w.T, x)[0, 0])
    a = float(sigmoid(z))
    da = -y / a + (1 - y) / (1 - a)
    dz = a - y
    dw = x * dz
    db = dz
    return {"z": z, "a": a, "da": da, "dz": dz, "dw": dw, "db": db}
