# exercise: propagate_l2
# diagnosis: half what it should be
# Forgets that the derivative of w_j^2 is 2 w_j: adds (lambd / (2 m)) w to dw.
import numpy as np


def propagate_l2(w, b, X, Y, lambd):
    grads_data, cost_data = propagate(w, b, X, Y)
    m = X.shape[1]
    cost = cost_data + lambd / (2 * m) * float(np.sum(np.square(w)))
    dw = grads_data["dw"] + lambd / (2 * m) * w
    db = grads_data["db"]
    return {"dw": dw, "db": db}, cost
