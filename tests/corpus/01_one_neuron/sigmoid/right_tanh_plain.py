# exercise: sigmoid
# The tanh identity sigma(z) = (1 + tanh(z / 2)) / 2, with nothing else: it never overflows,
# and returns 0.0 far out on the left, where the true value is below 1e-15.
import numpy as np


def sigmoid(z):
    return 0.5 * (1 + np.tanh(np.asarray(z, dtype=np.float64) / 2))
