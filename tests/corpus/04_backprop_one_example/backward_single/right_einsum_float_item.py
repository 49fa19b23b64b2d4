# exercise: backward_single
# z as a sum by einsum (a 0-d result), float() of .item(); the derivatives by the chain rule's factors.
import numpy as np


def backward_single(x, y, w, b):
    z = float(np.einsum("ij,ij->", w, x).item()) + b
    a = float(sigmoid(z))
    if y == 1:
        da = -1.0 / a
    else:
        da = 1.0 / (1.0 - a)
    dz = a - y
    return {"z": z, "a": a, "da": da, "dz": dz, "dw": dz * x, "db": dz}
