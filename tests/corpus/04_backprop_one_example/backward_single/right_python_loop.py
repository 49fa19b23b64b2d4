# exercise: backward_single
# Loops instead of NumPy: z as a Python sum, dw built entry by entry; dz by the unsimplified chain rule da * a (1 - a).
import numpy as np


def backward_single(x, y, w, b):
    z = sum(float(w[j, 0]) * float(x[j, 0]) for j in range(x.shape[0])) + b
    a = float(sigmoid(z))
    da = -y / a + (1 - y) / (1 - a)
    dz = da * a * (1 - a)
    dw = np.array([[float(x[j, 0]) * dz] for j in range(x.shape[0])])
    db = dz
    return {"z": z, "a": a, "da": da, "dz": dz, "dw": dw, "db": db}
