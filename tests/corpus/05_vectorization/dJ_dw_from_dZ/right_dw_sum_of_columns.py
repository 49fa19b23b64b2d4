# exercise: dJ_dw_from_dZ
# The average of x dz over the examples, by broadcasting and a mean with keepdims.
import numpy as np


def dJ_dw_from_dZ(X, dZ):
    return np.mean(X * dZ, axis=1, keepdims=True)
