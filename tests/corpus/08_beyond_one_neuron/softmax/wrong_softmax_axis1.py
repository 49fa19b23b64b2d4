# exercise: softmax
# diagnosis: normalize over axis=0
# Softmax over the wrong axis: shifts and normalizes each row (axis=1) instead of each column.
import numpy as np


def softmax(Z):
    Z = np.asarray(Z, dtype=np.float64)
    exp_scores = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
