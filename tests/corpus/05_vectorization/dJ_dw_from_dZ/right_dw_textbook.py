# exercise: dJ_dw_from_dZ
# The textbook line with np.dot.
import numpy as np


def dJ_dw_from_dZ(X, dZ):
    m = X.shape[1]
    return np.dot(X, dZ.T) / m
