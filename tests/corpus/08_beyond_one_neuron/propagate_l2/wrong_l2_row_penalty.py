# exercise: propagate_l2
# diagnosis: a column plus a row broadcasts to a matrix
# Adds (lambd / m) w^T, a row, to the column dw: broadcasting makes an (n_x, n_x) matrix.
import numpy as np


def propagate_l2(w, b, X, Y, lambd):
    grads_data, cost_data = propagate(w, b, X, Y)
    m = X.shape[1]
    cost = cost_data + lambd / (2 * m) * float(np.sum(np.square(w)))
    dw = grads_data["dw"] + (lambd / m) * w.T
    db = grads_data["db"]
    return {"dw": dw, "db": db}, cost
