# exercise: dL_dz
# diagnosis: the term -y z of the loss has the slope -y
# Differentiates the softplus and forgets -y z.
import numpy as np


def dL_dz(z, y):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=np.float64)))
