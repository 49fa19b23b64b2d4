# exercise: sigmoid
# Boolean masks and an output array filled in two passes, instead of np.where.
import numpy as np


def sigmoid(z):
    z = np.array(z, dtype=np.float64)  # a copy: the in-place work below stays local
    out = np.empty_like(z)
    positive = z >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-z[positive]))
    e = np.exp(z[~positive])
    out[~positive] = e / (1.0 + e)
    return out
