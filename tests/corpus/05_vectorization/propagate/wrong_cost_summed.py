# exercise: propagate
# diagnosis: It is the sum of the losses
# The cost as the sum of the losses instead of their mean.
import numpy as np


def propagate(w, b, X, Y):
    m = X.shape[1]
    Z = np.dot(w.T, X) + b
    A = sigmoid(Z)
    cost = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)))
    dZ = A - Y
    dw = np.dot(X, dZ.T) / m
    db = float(np.sum(dZ) / m)
    return {"dw": dw, "db": db}, cost
