# exercise: propagate
# diagnosis: an in-place operation
# Centres the features in place (X -= mean), changing the caller's data (and the gradients).
import numpy as np


def propagate(w, b, X, Y):
    m = X.shape[1]
    X -= np.mean(X, axis=1, keepdims=True)
    Z = np.dot(w.T, X) + b
    A = sigmoid(Z)
    cost = float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))
    dZ = A - Y
    dw = np.dot(X, dZ.T) / m
    db = float(np.sum(dZ) / m)
    return {"dw": dw, "db": db}, cost
