# exercise: du_dz
# diagnosis: You returned -e^z
# Evaluates the outer derivative at z instead of at the inner value -z.
import numpy as np


def du_dz(z):
    return -np.exp(np.asarray(z, dtype=np.float64))
