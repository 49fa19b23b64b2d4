# exercise: predict
# diagnosis: should have shape (1, 5)
# Flattens the predictions to shape (m,).
import numpy as np


def predict(w, b, X):
    return (sigmoid(np.dot(w.T, X) + b) > 0.5).astype(np.float64).ravel()
