# exercise: sigmoid
# A helper function and a different formula: sigma(z) = (1 + tanh(z / 2)) / 2, with exp for the far left tail.
import numpy as np


def _left_tail(z):
    return np.exp(np.minimum(z, 0.0)) / (1.0 + np.exp(-np.abs(z)))


def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    return np.where(z < -20, _left_tail(z), 0.5 * (1.0 + np.tanh(0.5 * z)))
