# exercise: cost
# diagnosis: You used log base 2
# np.log2 ("information is measured in bits") in place of the natural logarithm.
import numpy as np


def cost(A, Y):
    return float(-np.mean(Y * np.log2(A) + (1 - Y) * np.log2(1 - A)))
