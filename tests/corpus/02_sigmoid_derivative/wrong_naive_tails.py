# exercise: sigmoid_derivative
# diagnosis: sigmoid(40) rounds to exactly 1.0
# The textbook s * (1 - s): right for moderate z, but 1 - s cancels to 0 for large positive z.
import numpy as np


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1 - s)
