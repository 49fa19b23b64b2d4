# exercise: dlogc_da
# math.log of the base, a plain float.
import math

import numpy as np


def dlogc_da(a, c):
    a = np.asarray(a, dtype=np.float64)
    return -(1.0 / a) / math.log(c)
