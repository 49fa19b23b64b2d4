# exercise: predict
# diagnosis: You compared the probability with 0
# Compares the probability, not z, with 0: every example is a 1.
import numpy as np


def predict(w, b, X):
    A = sigmoid(np.dot(w.T, X) + b)
    return (A > 0).astype(np.float64)
