# exercise: sigmoid_derivative
# A loop over the entries with math.exp(-|z|); a 0-d array comes back for a number.
import math

import numpy as np


def _slope(v):
    t = math.exp(-abs(v))
    return t / (1.0 + t) ** 2


def sigmoid_derivative(z):
    z = np.asarray(z, dtype=np.float64)
    out = np.empty(z.shape, dtype=np.float64)
    for index in np.ndindex(z.shape):
        out[index] = _slope(float(z[index]))
    return out
