# exercise: softmax
# diagnosis: without the normalization
# Returns exp(Z) and forgets to divide by the column sums.
import numpy as np


def softmax(Z):
    return np.exp(np.asarray(Z, dtype=np.float64))
