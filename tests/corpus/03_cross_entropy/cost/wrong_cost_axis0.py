# exercise: cost
# diagnosis: averages each column over its single row
# np.mean over axis 0 of a (1, m) array: one "mean" per example, shape (m,).
import numpy as np


def cost(A, Y):
    return np.mean(loss(A, Y), axis=0)
