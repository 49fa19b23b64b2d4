# exercise: loss
# diagnosis: the mean belongs in cost
# Averages inside loss: one number instead of one loss per entry (cost, taking a mean of it, is still right).
import numpy as np


def loss(a, y):
    a = np.asarray(a, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    with np.errstate(divide="ignore"):
        return np.mean(-np.where(y == 1, np.log(a), np.log1p(-a)))
