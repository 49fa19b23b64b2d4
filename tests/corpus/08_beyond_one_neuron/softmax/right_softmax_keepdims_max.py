# exercise: softmax
# Shift by each column's max with keepdims, exponentiate, divide by each column's sum.
import numpy as np


def softmax(Z):
    Z = np.array(Z, dtype=float)
    e = np.exp(Z - Z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)
