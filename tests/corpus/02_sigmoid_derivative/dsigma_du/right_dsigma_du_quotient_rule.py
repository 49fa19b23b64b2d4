# exercise: dsigma_du
# The quotient rule on 1/u: (0 * u - 1 * 1) / u^2.
import numpy as np


def dsigma_du(u):
    u = np.asarray(u, dtype=np.float64)
    return (0.0 * u - 1.0 * 1.0) / (u * u)
