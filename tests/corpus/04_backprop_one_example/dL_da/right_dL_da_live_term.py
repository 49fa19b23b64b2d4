# exercise: dL_da
# Only the label's term: -1/a for y = 1, 1/(1 - a) for y = 0.
import numpy as np


def dL_da(a, y):
    a = np.asarray(a, dtype=np.float64)
    return np.where(np.asarray(y) == 1, -1.0 / a, 1.0 / (1.0 - a))
