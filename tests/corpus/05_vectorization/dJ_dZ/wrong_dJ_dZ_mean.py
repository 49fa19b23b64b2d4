# exercise: dJ_dZ
# diagnosis: returned one number
# Averages the errors into one number (that is db), not one per example.
import numpy as np


def dJ_dZ(A, Y):
    return np.mean(A - Y)
