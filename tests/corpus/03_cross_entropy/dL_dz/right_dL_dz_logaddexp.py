# exercise: dL_dz
# e^z / (1 + e^z) as exp(z - softplus(z)), with the softplus from np.logaddexp.
import numpy as np


def dL_dz(z, y):
    z = np.asarray(z, dtype=np.float64)
    return np.exp(z - np.logaddexp(0.0, z)) - y
