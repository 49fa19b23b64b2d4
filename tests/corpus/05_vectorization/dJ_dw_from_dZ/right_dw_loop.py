# exercise: dJ_dw_from_dZ
# A loop over the examples, summing x dz, then one division.
import numpy as np


def dJ_dw_from_dZ(X, dZ):
    n_x, m = X.shape
    total = np.zeros((n_x, 1))
    for i in range(m):
        total = total + X[:, i : i + 1] * dZ[0, i]
    return total / m
