# exercise: initialize_with_zeros
# diagnosis: rounded to integers
# Integer zeros: np.zeros(..., dtype=int), and b = 0.
import numpy as np


def initialize_with_zeros(dim):
    w = np.zeros((dim, 1), dtype=int)
    b = 0
    return w, b
