# exercise: dR_dw
# diagnosis: twice the gradient
# The 2 of the derivative, but the penalty's 1/2 forgotten.
import numpy as np


def dR_dw(w, lambd, m):
    return 2 * lambd / m * w
