# exercise: initialize_with_zeros
# diagnosis: a row: w is a column
# np.zeros((1, dim)): weights initialized as a row.
import numpy as np


def initialize_with_zeros(dim):
    return np.zeros((1, dim)), 0.0
