# exercise: dJ_dw_from_dZ
# diagnosis: flat array
# A mean over axis=1 without keepdims: shape (n_x,).
import numpy as np


def dJ_dw_from_dZ(X, dZ):
    return np.mean(X * dZ, axis=1)
