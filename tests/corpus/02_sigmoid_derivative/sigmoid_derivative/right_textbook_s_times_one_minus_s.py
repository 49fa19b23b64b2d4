# exercise: sigmoid_derivative
# The textbook s * (1 - s), as chapter 2 derives it: right to the course's precision
# (it returns 0 for z > 36.7, where the true value is below 1e-16: a "going further" note).
import numpy as np


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1 - s)
