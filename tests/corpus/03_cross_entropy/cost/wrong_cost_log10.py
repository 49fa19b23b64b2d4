# exercise: cost
# diagnosis: You used log base 10
# np.log10 in place of the natural logarithm.
import numpy as np


def cost(A, Y):
    return float(-np.mean(Y * np.log10(A) + (1 - Y) * np.log10(1 - A)))
