# exercise: sigmoid_derivative
# The sigmoid computed inline (not through the pasted one), then s * (1 - s).
import numpy as np


def sigmoid_derivative(z):
    s = 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=np.float64)))
    return s * (1.0 - s)
