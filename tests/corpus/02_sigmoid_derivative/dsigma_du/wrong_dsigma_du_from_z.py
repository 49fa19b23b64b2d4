# exercise: dsigma_du
# diagnosis: this function receives u itself
# Treats the argument as z and builds u = 1 + e^(-u) before differentiating.
import numpy as np


def dsigma_du(u):
    inner = 1.0 + np.exp(-np.asarray(u, dtype=np.float64))
    return -1.0 / inner**2
