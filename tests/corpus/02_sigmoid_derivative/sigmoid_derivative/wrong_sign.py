# exercise: sigmoid_derivative
# diagnosis: Every value has the wrong sign
# Forgets that the inner derivative of e^(-z) is -e^(-z): every value negated.
import numpy as np


def sigmoid_derivative(z):
    z = np.asarray(z, dtype=np.float64)
    decay = np.exp(-np.abs(z))
    return -decay / (1.0 + decay) ** 2
