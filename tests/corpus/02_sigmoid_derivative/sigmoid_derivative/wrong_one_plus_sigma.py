# exercise: sigmoid_derivative
# diagnosis: the second factor is 1 - sigma(z)
# A slip in the derivation: sigma(z) (1 + sigma(z)).
import numpy as np


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1 + s)
