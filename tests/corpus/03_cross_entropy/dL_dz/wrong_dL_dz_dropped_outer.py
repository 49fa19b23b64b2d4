# exercise: dL_dz
# diagnosis: You differentiated ln(1 + e^z) as e^z
# Forgets the outer 1/u of ln u.
import numpy as np


def dL_dz(z, y):
    return np.exp(np.asarray(z, dtype=np.float64)) - y
