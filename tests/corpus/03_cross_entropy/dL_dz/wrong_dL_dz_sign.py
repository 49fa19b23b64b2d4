# exercise: dL_dz
# diagnosis: Every value has the wrong sign
# y - sigma(z): the slope of the log-probability, not of the loss.
import numpy as np


def dL_dz(z, y):
    return y - 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=np.float64)))
