# exercise: dJ_dZ
# diagnosis: wrong sign
# The difference the wrong way round.
import numpy as np


def dJ_dZ(A, Y):
    return (Y - A) / A.shape[1]
