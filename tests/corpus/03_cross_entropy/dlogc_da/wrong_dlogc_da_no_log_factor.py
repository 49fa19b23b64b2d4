# exercise: dlogc_da
# diagnosis: You dropped the factor 1/ln c
# Differentiates -log_c a as if it were -ln a.
import numpy as np


def dlogc_da(a, c):
    return -1.0 / np.asarray(a, dtype=np.float64)
