# exercise: dL_da
# A loop over the entries with an if on the label.
import numpy as np


def dL_da(a, y):
    a = np.asarray(a, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    out = np.empty(a.shape)
    for index in np.ndindex(a.shape):
        out[index] = -1.0 / a[index] if y[index] == 1 else 1.0 / (1.0 - a[index])
    return out
