# exercise: dL_dw
# The three links multiplied as they come, da * a(1 - a) * x, without simplifying (fine for a strictly inside (0, 1)).
import numpy as np


def dL_dw(x, a, y):
    da = -y / a + (1 - y) / (1 - a)
    da_dz = a * (1 - a)
    dz = da * da_dz
    return np.asarray(x, dtype=np.float64) * dz
