# exercise: dJ_dw_from_dZ
# diagnosis: never adds them up
# * where the matrix product was needed.
import numpy as np


def dJ_dw_from_dZ(X, dZ):
    return X * dZ / X.shape[1]
