# exercise: loss
# np.where picks the live term; both branches are computed, so the log of 0 is silenced.
import numpy as np


def loss(a, y):
    a = np.asarray(a, dtype=np.float64)
    with np.errstate(divide="ignore"):
        return np.where(np.asarray(y) == 1, -np.log(a), -np.log(1 - a))
