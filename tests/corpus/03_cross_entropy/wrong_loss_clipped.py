# exercise: loss
# diagnosis: did you clip a away from 0 and 1
# Clips a to [1e-15, 1 - 1e-15] to dodge log(0): a certain wrong prediction gets a finite loss (34.5) instead of inf.
import numpy as np


def loss(a, y):
    a = np.clip(np.asarray(a, dtype=np.float64), 1e-15, 1 - 1e-15)
    y = np.asarray(y, dtype=np.float64)
    return -(y * np.log(a) + (1 - y) * np.log(1 - a))
