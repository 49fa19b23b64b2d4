# exercise: softmax_jacobian
# diagnosis: Every entry has the wrong sign
# a a^T - diag(a).
import numpy as np


def softmax_jacobian(a):
    return a @ a.T - np.diagflat(a)
