# exercise: dL_dz
# scipy's stable sigmoid.
import numpy as np
from scipy.special import expit


def dL_dz(z, y):
    return expit(np.asarray(z, dtype=np.float64)) - np.asarray(y, dtype=np.float64)
