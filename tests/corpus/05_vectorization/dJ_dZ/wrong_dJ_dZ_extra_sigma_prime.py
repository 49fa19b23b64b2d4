# exercise: dJ_dZ
# diagnosis: extra factor a(1 - a)
# Multiplies by sigma'(z) again, although a - y already includes it.
import numpy as np


def dJ_dZ(A, Y):
    return (A - Y) * A * (1 - A) / A.shape[1]
