# exercise: initialize_with_zeros
# A flat vector reshaped into a column, and b as float(0).
import numpy as np


def initialize_with_zeros(dim):
    w = np.zeros(dim).reshape(-1, 1)
    b = float(0)
    return w, b
