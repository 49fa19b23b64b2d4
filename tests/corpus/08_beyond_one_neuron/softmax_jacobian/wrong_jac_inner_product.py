# exercise: softmax_jacobian
# diagnosis: inner product
# a^T a, one number, where the outer product a a^T was needed.
import numpy as np


def softmax_jacobian(a):
    return np.diagflat(a) - a.T @ a
