# exercise: dlogc_da
# diagnosis: You multiplied by ln c
# Turns the change of base upside down: -ln c / a.
import numpy as np


def dlogc_da(a, c):
    return -np.log(c) / np.asarray(a, dtype=np.float64)
