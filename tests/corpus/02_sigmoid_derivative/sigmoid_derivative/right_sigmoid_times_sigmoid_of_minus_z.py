# exercise: sigmoid_derivative
# The identity 1 - sigma(z) = sigma(-z): sigma(z) * sigma(-z), with the student's stable sigmoid; no cancellation.
import numpy as np


def sigmoid_derivative(z):
    z = np.asarray(z, dtype=np.float64)
    return sigmoid(z) * sigmoid(-z)
