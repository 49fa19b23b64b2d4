# exercise: sigmoid
# The formula as written, with NumPy's overflow warning switched off around it.
import numpy as np


def sigmoid(z):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
