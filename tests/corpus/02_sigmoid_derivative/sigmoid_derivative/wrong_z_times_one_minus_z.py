# exercise: sigmoid_derivative
# diagnosis: You returned z * (1 - z)
# Copies the formula a(1 - a) but applies it to z itself.
import numpy as np


def sigmoid_derivative(z):
    z = np.asarray(z, dtype=np.float64)
    return z * (1 - z)
