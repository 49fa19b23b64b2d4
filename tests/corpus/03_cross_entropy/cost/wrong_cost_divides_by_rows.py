# exercise: cost
# diagnosis: not A.shape[0]
# Divides by m = A.shape[0], the number of rows (1), so the "mean" is the sum.
import numpy as np


def cost(A, Y):
    m = A.shape[0]
    return float(np.sum(loss(A, Y)) / m)
