# exercise: propagate
# diagnosis: a mean over axis 0 averages each column of dZ
# db = np.mean(dZ, axis=0): one entry per example.
import numpy as np


def propagate(w, b, X, Y):
    m = X.shape[1]
    Z = np.dot(w.T, X) + b
    A = sigmoid(Z)
    cost = float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))
    dZ = A - Y
    dw = np.dot(X, dZ.T) / m
    db = np.mean(dZ, axis=0)
    return {"dw": dw, "db": db}, cost
