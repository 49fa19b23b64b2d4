# exercise: loss
# diagnosis: 0 * ln 0
# The formula as written, both terms always: for a certain prediction the switched-off term is 0 * (-inf) = nan.
import numpy as np


def loss(a, y):
    a = np.asarray(a, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    return -(y * np.log(a) + (1 - y) * np.log(1 - a))
