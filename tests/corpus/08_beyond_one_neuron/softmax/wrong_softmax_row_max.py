# exercise: softmax
# diagnosis: You subtracted each row's maximum
# Normalizes each column but shifts by each row's maximum, so the shift differs within a column.
import numpy as np


def softmax(Z):
    Z = np.asarray(Z, dtype=np.float64)
    exp_scores = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return exp_scores / np.sum(exp_scores, axis=0, keepdims=True)
