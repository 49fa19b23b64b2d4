# exercise: dJ_dZ
# diagnosis: changed its argument A or Y
# Works in the caller's array A.
import numpy as np


def dJ_dZ(A, Y):
    A -= Y
    A /= A.shape[1]
    return A
