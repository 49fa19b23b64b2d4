# exercise: sigmoid
# Element by element with math.exp (via np.vectorize): math.exp(1000) raises OverflowError instead of returning inf.
import math

import numpy as np


def _sigmoid_number(v):
    return 1.0 / (1.0 + math.exp(-v))


def sigmoid(z):
    return np.vectorize(_sigmoid_number, otypes=[np.float64])(np.asarray(z, dtype=np.float64))
