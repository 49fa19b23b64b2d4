# exercise: loss
# scipy.special.xlogy(x, y) = x log y with 0 log 0 = 0: the formula with both terms, and no nan.
import numpy as np
from scipy.special import xlogy


def loss(a, y):
    a = np.asarray(a, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    return -(xlogy(y, a) + xlogy(1.0 - y, 1.0 - a))
