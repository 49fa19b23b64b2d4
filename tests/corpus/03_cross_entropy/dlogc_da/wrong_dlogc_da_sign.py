# exercise: dlogc_da
# diagnosis: Every value has the wrong sign
# Drops the minus sign of the loss.
import numpy as np


def dlogc_da(a, c):
    return 1.0 / (np.asarray(a, dtype=np.float64) * np.log(c))
