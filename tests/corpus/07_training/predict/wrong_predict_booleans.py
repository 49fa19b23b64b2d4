# exercise: predict
# diagnosis: predict returned booleans
# Returns the comparison itself, an array of True/False.
import numpy as np


def predict(w, b, X):
    return sigmoid(np.dot(w.T, X) + b) > 0.5
