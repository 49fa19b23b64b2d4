# exercise: sigmoid
# A Python loop over np.ndindex with math.exp on the safe side of each branch; float64 array out.
import math

import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    out = np.zeros(z.shape, dtype=np.float64)
    for index in np.ndindex(z.shape):
        v = float(z[index])
        if v >= 0:
            out[index] = 1.0 / (1.0 + math.exp(-v))
        else:
            e = math.exp(v)
            out[index] = e / (1.0 + e)
    return out
