# exercise: dL_da
# diagnosis: You dropped the term of y = 0
# Differentiates only -y ln a.
import numpy as np


def dL_da(a, y):
    return -y / np.asarray(a, dtype=np.float64)
