# exercise: softmax
# diagnosis: the maximum of the whole array, or of each row
# Shifts by the maximum of the whole array: right for similar columns, 0 / 0 = nan for a column far below it.
import numpy as np


def softmax(Z):
    Z = np.asarray(Z, dtype=np.float64)
    exp_scores = np.exp(Z - np.max(Z))
    return exp_scores / np.sum(exp_scores, axis=0, keepdims=True)
