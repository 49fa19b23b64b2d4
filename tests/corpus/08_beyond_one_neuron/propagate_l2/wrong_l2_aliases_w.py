# exercise: propagate_l2
# diagnosis: propagate_l2 changed its argument w
# "penalty = w" is not a copy: scaling it in place (*=) rescales the caller's w. The returned values are right.
import numpy as np


def propagate_l2(w, b, X, Y, lambd):
    grads_data, cost_data = propagate(w, b, X, Y)
    m = X.shape[1]
    cost = cost_data + lambd / (2 * m) * float(np.sum(np.square(w)))
    penalty = w  # meant to be a new array
    penalty *= lambd / m
    dw = grads_data["dw"] + penalty
    db = grads_data["db"]
    return {"dw": dw, "db": db}, cost
