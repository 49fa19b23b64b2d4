# exercise: softmax_jacobian
# diagnosis: It is diag(a)
# Only the first term of the quotient rule.
import numpy as np


def softmax_jacobian(a):
    return np.diagflat(a)
