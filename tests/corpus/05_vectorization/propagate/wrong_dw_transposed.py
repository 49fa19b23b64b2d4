# exercise: propagate
# diagnosis: dw has shape (1, 3), a row: it is transposed
# dw = dZ X^T / m: the transpose of the gradient, shape (1, n_x).
import numpy as np


def propagate(w, b, X, Y):
    m = X.shape[1]
    Z = np.dot(w.T, X) + b
    A = sigmoid(Z)
    cost = float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))
    dZ = A - Y
    dw = np.dot(dZ, X.T) / m
    db = float(np.sum(dZ) / m)
    return {"dw": dw, "db": db}, cost
