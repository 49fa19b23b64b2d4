# exercise: propagate
# diagnosis: divide the sum X dZ^T by m
# Forgets 1/m in both gradients: dw = X dZ^T and db = sum(dZ).
import numpy as np


def propagate(w, b, X, Y):
    m = X.shape[1]
    Z = np.dot(w.T, X) + b
    A = sigmoid(Z)
    cost = float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))
    dZ = A - Y
    dw = np.dot(X, dZ.T)
    db = float(np.sum(dZ))
    return {"dw": dw, "db": db}, cost
