# exercise: softmax
# diagnosis: exp(1000) overflows to inf
# The definition as written, without subtracting the maximum: right values for small scores, nan for large ones.
import numpy as np


def softmax(Z):
    exp_scores = np.exp(np.asarray(Z, dtype=np.float64))
    return exp_scores / np.sum(exp_scores, axis=0, keepdims=True)
