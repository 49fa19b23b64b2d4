# exercise: dL_da
# diagnosis: The term of y = 0 has the wrong sign
# Forgets the inner derivative -1 of 1 - a.
import numpy as np


def dL_da(a, y):
    a = np.asarray(a, dtype=np.float64)
    return -y / a - (1 - y) / (1 - a)
