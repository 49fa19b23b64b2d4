# exercise: dsigma_du
# diagnosis: the second derivative of 1/u
# Differentiates twice: 2/u^3.
import numpy as np


def dsigma_du(u):
    u = np.asarray(u, dtype=np.float64)
    return 2.0 / u**3
