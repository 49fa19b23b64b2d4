# exercise: loss
# diagnosis: log base 10
# Base-10 logarithms in the loss; the cost's tests, which replace loss with a stand-in, are not affected.
import numpy as np


def loss(a, y):
    a = np.asarray(a, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    with np.errstate(divide="ignore"):
        return -np.where(y == 1, np.log10(a), np.log10(1 - a))
