# exercise: cost
# The cost written out in full, without calling loss: judged on its result.
import numpy as np


def cost(A, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
