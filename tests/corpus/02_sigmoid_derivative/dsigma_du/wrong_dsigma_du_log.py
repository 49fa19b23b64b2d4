# exercise: dsigma_du
# diagnosis: You returned ln u
# Confuses the derivative with the antiderivative: ln u, whose derivative is 1/u.
import numpy as np


def dsigma_du(u):
    return np.log(np.asarray(u, dtype=np.float64))
