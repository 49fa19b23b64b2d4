# exercise: propagate
# A loop over the examples instead of vectorization: accumulates the loss, dw and db one column at a time.
import math

import numpy as np


def propagate(w, b, X, Y):
    n_x, m = X.shape
    dw = np.zeros((n_x, 1))
    db = 0.0
    cost = 0.0
    for i in range(m):
        x_i = X[:, i:i + 1]  # (n_x, 1)
        y_i = float(Y[0, i])
        z_i = float(np.dot(w[:, 0], x_i[:, 0])) + b
        a_i = float(sigmoid(z_i))
        cost += -(y_i * math.log(a_i) + (1 - y_i) * math.log(1 - a_i))
        dz_i = a_i - y_i
        dw = dw + x_i * dz_i
        db += dz_i
    return {"dw": dw / m, "db": db / m}, cost / m
