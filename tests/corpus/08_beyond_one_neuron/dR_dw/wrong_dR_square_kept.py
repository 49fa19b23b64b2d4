# exercise: dR_dw
# diagnosis: differentiate the square
# The square left undifferentiated.
import numpy as np


def dR_dw(w, lambd, m):
    return lambd / m * w**2
