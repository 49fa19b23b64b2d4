# exercise: dR_dw
# diagnosis: wrong sign
# Puts the update's minus into the gradient.
import numpy as np


def dR_dw(w, lambd, m):
    return -(lambd / m) * w
