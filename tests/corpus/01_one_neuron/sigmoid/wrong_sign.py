# exercise: sigmoid
# diagnosis: check the sign of the exponent
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(np.asarray(z, dtype=np.float64)))
