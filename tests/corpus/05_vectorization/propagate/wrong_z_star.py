# exercise: propagate
# diagnosis: Z was probably computed as w * X
# Z = w * X + b: elementwise (broadcast) instead of the weighted sum w^T X.
import numpy as np


def propagate(w, b, X, Y):
    m = X.shape[1]
    Z = w * X + b
    A = sigmoid(Z)
    cost = float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))
    dZ = A - Y
    dw = np.dot(X, dZ.T) / m
    db = float(np.sum(dZ) / m)
    return {"dw": dw, "db": db}, cost
