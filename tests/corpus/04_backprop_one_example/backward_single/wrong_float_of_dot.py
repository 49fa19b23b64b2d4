# exercise: backward_single
# diagnosis: .item()
# float() of the (1, 1) result of np.dot: an error on NumPy 2.4 (the grader's), only a
# warning on older ones, so the tests flag it everywhere with the same sentence.
import numpy as np


def backward_single(x, y, w, b):
    z = float(np.dot(w.T, x)) + b
    a = float(sigmoid(z))
    da = -y / a + (1 - y) / (1 - a)
    dz = a - y
    return {"z": z, "a": a, "da": da, "dz": dz, "dw": x * dz, "db": dz}
