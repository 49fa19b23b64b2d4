# exercise: dR_dw
# The derivation as written: lambda / (2m) times the derivative 2 w of the squares.
import numpy as np


def dR_dw(w, lambd, m):
    return lambd / (2 * m) * (2 * w)
