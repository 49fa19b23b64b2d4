# exercise: dlogc_da
# The derivative of -ln a, -1/a, divided by ln c = ln(c) computed as log2(c) ln 2.
import numpy as np


def dlogc_da(a, c):
    ln_c = np.log2(c) * np.log(2.0)
    return (-1.0 / np.asarray(a, dtype=np.float64)) / ln_c
