# exercise: dsigma_du
# diagnosis: so the denominator is squared
# Lowers the exponent by nothing: -1/u.
import numpy as np


def dsigma_du(u):
    return -1.0 / np.asarray(u, dtype=np.float64)
