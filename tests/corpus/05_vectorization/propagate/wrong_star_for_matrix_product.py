# exercise: propagate
# diagnosis: you used * where a matrix product was needed
# dw = X * dZ / m: elementwise product, one column per example, instead of the matrix product X dZ^T.
import numpy as np


def propagate(w, b, X, Y):
    m = X.shape[1]
    Z = np.dot(w.T, X) + b
    A = sigmoid(Z)
    cost = float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))
    dZ = A - Y
    dw = X * dZ / m
    db = float(np.sum(dZ) / m)
    return {"dw": dw, "db": db}, cost
