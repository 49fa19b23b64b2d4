# exercise: dR_dw
# diagnosis: m = 4 times too large
# The 1/m of the penalty dropped.
import numpy as np


def dR_dw(w, lambd, m):
    return lambd * w
