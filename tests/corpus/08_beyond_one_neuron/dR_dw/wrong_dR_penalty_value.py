# exercise: dR_dw
# diagnosis: looks like the penalty itself
# Returns the penalty, not its gradient.
import numpy as np


def dR_dw(w, lambd, m):
    return lambd / (2 * m) * float(np.sum(w**2))
