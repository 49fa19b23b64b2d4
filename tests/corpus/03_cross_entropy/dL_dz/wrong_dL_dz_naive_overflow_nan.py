# exercise: dL_dz
# diagnosis: inf / inf
# e^z / (1 + e^z) straight from the derivation: e^800 overflows and the quotient is nan.
import numpy as np


def dL_dz(z, y):
    e = np.exp(np.asarray(z, dtype=np.float64))
    return e / (1.0 + e) - y
