# exercise: sigmoid_derivative
# e^(-|z|) / (1 + e^(-|z|))^2: sigma' is even, so |z| gives the same value and never overflows.
import numpy as np


def sigmoid_derivative(z):
    e = np.exp(-np.abs(np.asarray(z, dtype=np.float64)))
    return e / (1 + e) ** 2
