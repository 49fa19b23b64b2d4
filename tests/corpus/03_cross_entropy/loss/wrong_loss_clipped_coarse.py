# exercise: loss
# diagnosis: did you clip a away from 0 and 1
# Clips a to [1e-3, 1 - 1e-3]: a confident wrong prediction (a = 1e-9, y = 1) gets 6.9 instead of 20.7.
import numpy as np


def loss(a, y):
    a = np.clip(np.asarray(a, dtype=np.float64), 1e-3, 1 - 1e-3)
    y = np.asarray(y, dtype=np.float64)
    return -(y * np.log(a) + (1 - y) * np.log(1 - a))
