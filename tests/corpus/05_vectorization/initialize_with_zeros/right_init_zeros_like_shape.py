# exercise: initialize_with_zeros
# np.zeros with a shape keyword, and an integer 0 turned into a float.
import numpy as np


def initialize_with_zeros(dim):
    w = np.zeros(shape=(dim, 1))
    b = float(0)
    return w, b
