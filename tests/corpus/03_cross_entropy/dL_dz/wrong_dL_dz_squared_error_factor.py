# exercise: dL_dz
# diagnosis: that is the slope of the squared error
# Keeps the factor sigma'(z) of the squared error.
import numpy as np


def dL_dz(z, y):
    s = 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=np.float64)))
    return (s - y) * s * (1.0 - s)
