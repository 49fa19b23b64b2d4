# exercise: dR_dw
# The simplified result, lambda / m times w.
import numpy as np


def dR_dw(w, lambd, m):
    return (lambd / m) * w
