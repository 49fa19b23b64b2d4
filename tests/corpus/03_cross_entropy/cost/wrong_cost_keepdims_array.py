# exercise: cost
# diagnosis: Use .item()
# Averages over axis 1 with keepdims: the right value, but a (1, 1) array instead of a number.
import numpy as np


def cost(A, Y):
    return np.mean(loss(A, Y), axis=1, keepdims=True)
