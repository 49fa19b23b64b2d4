# exercise: du_dz
# diagnosis: You kept the constant
# Differentiates the constant 1 as 1: 1 - e^(-z).
import numpy as np


def du_dz(z):
    return 1.0 - np.exp(-np.asarray(z, dtype=np.float64))
