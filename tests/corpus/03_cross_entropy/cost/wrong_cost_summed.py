# exercise: cost
# diagnosis: you summed the losses
# The total loss instead of the mean: grows with the data set.
import numpy as np


def cost(A, Y):
    return float(np.sum(loss(A, Y)))
