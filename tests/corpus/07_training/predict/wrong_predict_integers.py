# exercise: predict
# diagnosis: return float64 0.0/1.0
# Labels as integers (astype(int)).
import numpy as np


def predict(w, b, X):
    return (sigmoid(np.dot(w.T, X) + b) > 0.5).astype(int)
