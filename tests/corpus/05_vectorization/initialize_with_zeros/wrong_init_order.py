# exercise: initialize_with_zeros
# diagnosis: return the pair in the order (w, b)
# Returns (b, w): the pair in the wrong order.
import numpy as np


def initialize_with_zeros(dim):
    w = np.zeros((dim, 1))
    b = 0.0
    return b, w
