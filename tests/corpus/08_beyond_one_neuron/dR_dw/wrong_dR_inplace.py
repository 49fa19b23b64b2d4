# exercise: dR_dw
# diagnosis: changed its argument w
# Scales the caller's weights in place.
import numpy as np


def dR_dw(w, lambd, m):
    w *= lambd / m
    return w
