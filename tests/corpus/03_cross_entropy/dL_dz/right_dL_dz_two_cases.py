# exercise: dL_dz
# The two stable forms of the sigmoid, chosen by the sign of z with boolean masks.
import numpy as np


def dL_dz(z, y):
    z = np.atleast_1d(np.asarray(z, dtype=np.float64))
    s = np.empty_like(z)
    positive = z >= 0
    s[positive] = 1.0 / (1.0 + np.exp(-z[positive]))
    e = np.exp(z[~positive])
    s[~positive] = e / (1.0 + e)
    result = s - np.atleast_1d(np.asarray(y, dtype=np.float64))
    return result.reshape(np.shape(y)) if np.ndim(y) else result[0]
