# exercise: sigmoid
# A correct but naive sigmoid: it overflows (and warns) for large negative z, yet its values are right.
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=np.float64)))
