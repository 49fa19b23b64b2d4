# exercise: dL_da
# diagnosis: slope of the log-probability
# Differentiates y ln a + (1 - y) ln(1 - a), forgetting the loss's minus sign.
import numpy as np


def dL_da(a, y):
    a = np.asarray(a, dtype=np.float64)
    return y / a - (1 - y) / (1 - a)
