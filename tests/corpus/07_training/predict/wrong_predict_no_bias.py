# exercise: predict
# diagnosis: It looks as if b was left out
# Forgets b in z.
import numpy as np


def predict(w, b, X):
    return (sigmoid(np.dot(w.T, X)) > 0.5).astype(np.float64)
