# exercise: dL_dz
# sigma(z) = (1 + tanh(z/2)) / 2, which never overflows.
import numpy as np


def dL_dz(z, y):
    z = np.asarray(z, dtype=np.float64)
    return 0.5 * (1.0 + np.tanh(0.5 * z)) - y
