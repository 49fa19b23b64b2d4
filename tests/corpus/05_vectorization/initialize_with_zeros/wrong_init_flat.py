# exercise: initialize_with_zeros
# diagnosis: a flat array
# np.zeros(dim): weights of shape (dim,), not the column (dim, 1).
import numpy as np


def initialize_with_zeros(dim):
    return np.zeros(dim), 0.0
