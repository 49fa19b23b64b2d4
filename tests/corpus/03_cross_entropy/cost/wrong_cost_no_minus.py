# exercise: cost
# diagnosis: you lost the minus sign
# The mean log-probability without the leading minus: a negative cost.
import numpy as np


def cost(A, Y):
    return float(np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))
