# exercise: dR_dw
# diagnosis: half the gradient
# Keeps the 1/2 but forgets the 2 of the derivative of the square.
import numpy as np


def dR_dw(w, lambd, m):
    return lambd / (2 * m) * w
