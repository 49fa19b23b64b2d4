# exercise: sigmoid
# diagnosis: math.exp takes one number
# math.exp on one number at a time: right for moderate z, OverflowError for large negative z.
import math

import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    return np.vectorize(lambda t: 1.0 / (1.0 + math.exp(-t)), otypes=[np.float64])(z)[()]
