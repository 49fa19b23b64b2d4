# exercise: predict
# diagnosis: You compared z (not the probability) with 0.5
# The wrong threshold: compares z = w^T x + b with 0.5, skipping the sigmoid.
import numpy as np


def predict(w, b, X):
    Z = np.dot(w.T, X) + b
    return (Z > 0.5).astype(np.float64)
