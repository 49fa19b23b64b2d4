# exercise: sigmoid
# A different stable formula: sigma(z) = exp(-log(1 + e^(-z))), with np.logaddexp doing the stable log.
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    return np.exp(-np.logaddexp(0.0, -z))
