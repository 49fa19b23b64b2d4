# exercise: sigmoid_derivative
# diagnosis: the denominator of the derivative is squared
# e^(-z) / (1 + e^(-z)): forgets to square the denominator.
import numpy as np


def sigmoid_derivative(z):
    z = np.asarray(z, dtype=np.float64)
    return np.exp(-z) / (1.0 + np.exp(-z))
