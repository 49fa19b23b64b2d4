# exercise: sigmoid
# diagnosis: an exponential overflows
# Only the form e^z / (1 + e^z), for every z: right for moderate z, but e^1000 overflows and inf / inf is nan.
import numpy as np


def sigmoid(z):
    e = np.exp(np.asarray(z, dtype=np.float64))
    return e / (1.0 + e)
