# exercise: sigmoid_derivative
# diagnosis: You applied the sigmoid twice
# Treats the argument as the activation a: computes a = sigmoid(z), then sigma'(a) instead of a(1 - a).
import numpy as np


def sigmoid_derivative(z):
    a = sigmoid(z)
    s = sigmoid(a)
    return s * (1 - s)
