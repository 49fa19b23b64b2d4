# exercise: predict
# A loop over the examples filling a (1, m) array of zeros, as in many textbook versions.
import numpy as np


def predict(w, b, X):
    m = X.shape[1]
    Y_prediction = np.zeros((1, m))
    A = sigmoid(w.T @ X + b)
    for i in range(m):
        if A[0, i] > 0.5:
            Y_prediction[0, i] = 1.0
    return Y_prediction
