# exercise: propagate
# diagnosis: It leaves out the (1 - y) ln(1 - a) term
# Only the y ln a term of the loss.
import numpy as np


def propagate(w, b, X, Y):
    m = X.shape[1]
    Z = np.dot(w.T, X) + b
    A = sigmoid(Z)
    cost = float(-np.mean(Y * np.log(A)))
    dZ = A - Y
    dw = np.dot(X, dZ.T) / m
    db = float(np.sum(dZ) / m)
    return {"dw": dw, "db": db}, cost
