# exercise: dsigma_du
# diagnosis: Every value has the wrong sign
# Forgets the exponent -1 that the power rule brings down: 1/u^2.
import numpy as np


def dsigma_du(u):
    u = np.asarray(u, dtype=np.float64)
    return 1.0 / u**2
