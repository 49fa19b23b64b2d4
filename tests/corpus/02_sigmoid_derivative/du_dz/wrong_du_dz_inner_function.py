# exercise: du_dz
# diagnosis: by the inner function -z
# Multiplies by the inner function -z instead of its derivative -1.
import numpy as np


def du_dz(z):
    z = np.asarray(z, dtype=np.float64)
    return np.exp(-z) * (-z)
