# exercise: dJ_dZ
# diagnosis: It is dJ/da, the step before
# Stops one step early: the derivative with respect to a.
import numpy as np


def dJ_dZ(A, Y):
    return (-Y / A + (1 - Y) / (1 - A)) / A.shape[1]
