# exercise: sigmoid_derivative
# diagnosis: inf / inf is nan
# e^(-z) / (1 + e^(-z))^2 straight from the derivation: e^(1000) overflows and the quotient is nan.
import numpy as np


def sigmoid_derivative(z):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-z)
    return e / (1.0 + e) ** 2
