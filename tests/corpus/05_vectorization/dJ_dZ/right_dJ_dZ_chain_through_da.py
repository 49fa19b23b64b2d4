# exercise: dJ_dZ
# The long way, dJ/da times sigma'(z) = a(1 - a), simplified on paper first to avoid 0/0.
import numpy as np


def dJ_dZ(A, Y):
    A = np.asarray(A, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    examples = A.shape[-1]
    dz = Y * (A - 1.0) + (1.0 - Y) * A  # -y/a * a(1-a) + (1-y)/(1-a) * a(1-a)
    return dz / examples
