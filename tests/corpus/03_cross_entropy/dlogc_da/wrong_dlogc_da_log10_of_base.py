# exercise: dlogc_da
# diagnosis: You divided by log10(c)
# Uses log10 of the base in the change of base.
import numpy as np


def dlogc_da(a, c):
    return -1.0 / (np.asarray(a, dtype=np.float64) * np.log10(c))
