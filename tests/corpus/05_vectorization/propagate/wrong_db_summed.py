# exercise: propagate
# diagnosis: db is the mean of dZ, not its sum
# Averages dw but sums db.
import numpy as np


def propagate(w, b, X, Y):
    m = X.shape[1]
    Z = np.dot(w.T, X) + b
    A = sigmoid(Z)
    cost = float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))
    dZ = A - Y
    dw = np.dot(X, dZ.T) / m
    db = float(np.sum(dZ))
    return {"dw": dw, "db": db}, cost
