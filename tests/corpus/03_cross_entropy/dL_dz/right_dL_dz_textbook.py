# exercise: dL_dz
# sigma(z) - y with the sigmoid written as 1 / (1 + e^(-z)): for z < -709 e^(-z) overflows to inf and 1/inf is 0, the right answer.
import numpy as np


def dL_dz(z, y):
    z = np.asarray(z, dtype=np.float64)
    return 1.0 / (1.0 + np.exp(-z)) - y
