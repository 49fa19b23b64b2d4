# exercise: dJ_dw_from_dZ
# diagnosis: transposed, a row
# dZ X^T: the right numbers as a row.
import numpy as np


def dJ_dw_from_dZ(X, dZ):
    return dZ @ X.T / X.shape[1]
