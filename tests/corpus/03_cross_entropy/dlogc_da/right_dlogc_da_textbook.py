# exercise: dlogc_da
# -1 / (a ln c), as the chapter writes it.
import numpy as np


def dlogc_da(a, c):
    return -1.0 / (np.asarray(a, dtype=np.float64) * np.log(c))
