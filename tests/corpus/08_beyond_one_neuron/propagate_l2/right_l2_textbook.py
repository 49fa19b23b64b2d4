# exercise: propagate_l2
# The regularized cost and gradient written out in full, not through propagate.
import numpy as np


def propagate_l2(w, b, X, Y, lambd):
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(np.dot(w.T, X) + b)))
    cross_entropy = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    cost = cross_entropy + lambd / (2 * m) * np.sum(np.square(w))
    dw = np.dot(X, (A - Y).T) / m + lambd / m * w
    db = np.sum(A - Y) / m
    return {"dw": dw, "db": db}, cost
