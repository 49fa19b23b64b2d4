# exercise: dlogc_da
# A loop over the entries.
import math

import numpy as np


def dlogc_da(a, c):
    a = np.asarray(a, dtype=np.float64)
    out = np.empty(a.shape)
    for index in np.ndindex(a.shape):
        out[index] = -1.0 / (float(a[index]) * math.log(c))
    return out
