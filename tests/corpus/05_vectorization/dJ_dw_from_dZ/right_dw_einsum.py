# exercise: dJ_dw_from_dZ
# einsum over the examples' index, then a column.
import numpy as np


def dJ_dw_from_dZ(X, dZ):
    m = dZ.shape[1]
    return np.einsum("ji,ki->jk", X, dZ) * (1 / m)
