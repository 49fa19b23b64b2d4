# exercise: softmax_jacobian
# diagnosis: keeps only the diagonal
# Treats each probability like a sigmoid of its own score.
import numpy as np


def softmax_jacobian(a):
    return np.diagflat(a * (1 - a))
