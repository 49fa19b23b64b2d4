# exercise: dJ_dw_from_dZ
# diagnosis: divided by m twice
# Treats dZ as if it carried the 1/m already, and divides once more for good measure.
import numpy as np


def dJ_dw_from_dZ(X, dZ):
    m = X.shape[1]
    return X @ (dZ / m).T / m
