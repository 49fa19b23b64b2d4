# exercise: cost
# diagnosis: You swapped y and 1 - y
# y paired with ln(1 - a) and 1 - y with ln a.
import numpy as np


def cost(A, Y):
    return float(-np.mean((1 - Y) * np.log(A) + Y * np.log(1 - A)))
