# exercise: loss
# A loop over the entries with math.log, handling the certain predictions (log 0) by hand.
import math

import numpy as np


def _one_loss(p, label):
    q = p if label == 1 else 1.0 - p  # the probability given to the true label
    return math.inf if q == 0.0 else -math.log(q)


def loss(a, y):
    a = np.asarray(a, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    a, y = np.broadcast_arrays(a, y)
    out = np.empty(a.shape, dtype=np.float64)
    for index in np.ndindex(a.shape):
        out[index] = _one_loss(float(a[index]), float(y[index]))
    return out
