# exercise: dL_da
# diagnosis: which is dz, the next link
# Jumps to the simplified result of the next step.
import numpy as np


def dL_da(a, y):
    return np.asarray(a, dtype=np.float64) - y
