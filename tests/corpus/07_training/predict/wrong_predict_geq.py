# exercise: predict
# diagnosis: use > 0.5, not >= 0.5
# Predicts 1 when the probability is >= 0.5: z = 0 comes out as a 1.
import numpy as np


def predict(w, b, X):
    return (sigmoid(np.dot(w.T, X) + b) >= 0.5).astype(np.float64)
