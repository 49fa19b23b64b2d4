# exercise: softmax
# diagnosis: softmax changed its argument Z
# Shifts Z in place (Z -= max): the probabilities are right, but the caller's scores are changed.
import numpy as np


def softmax(Z):
    Z -= np.max(Z, axis=0, keepdims=True)
    exp_scores = np.exp(Z)
    return exp_scores / np.sum(exp_scores, axis=0, keepdims=True)
