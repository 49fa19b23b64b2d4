# exercise: initialize_with_zeros
# diagnosis: should be a single number
# b as a one-element array np.zeros(1) instead of the number 0.0.
import numpy as np


def initialize_with_zeros(dim):
    return np.zeros((dim, 1)), np.zeros(1)
