# exercise: softmax
# diagnosis: The whole array sums to 1
# Divides by the sum of all entries, not by each column's sum.
import numpy as np


def softmax(Z):
    Z = np.asarray(Z, dtype=np.float64)
    exp_scores = np.exp(Z - np.max(Z))
    return exp_scores / np.sum(exp_scores)
