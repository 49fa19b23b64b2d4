# exercise: predict
# A comparison turned into floats with astype(float).
import numpy as np


def predict(w, b, X):
    A = sigmoid(w.T @ X + b)
    return (A > 0.5).astype(float)
