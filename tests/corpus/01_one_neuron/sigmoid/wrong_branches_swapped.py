# exercise: sigmoid
# diagnosis: check the sign of the exponent in each branch
# The stable two-branch version with its branches swapped: it computes sigma(-z).
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, e / (1.0 + e), 1.0 / (1.0 + e))
