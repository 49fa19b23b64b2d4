# exercise: du_dz
# diagnosis: Every value has the wrong sign
# Forgets the inner derivative -1 of -z: e^(-z).
import numpy as np


def du_dz(z):
    return np.exp(-np.asarray(z, dtype=np.float64))
