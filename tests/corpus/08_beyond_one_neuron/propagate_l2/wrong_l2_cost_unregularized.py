# exercise: propagate_l2
# diagnosis: It is the unregularized cost
# Adds the penalty's gradient to dw but forgets the penalty in the cost.
import numpy as np


def propagate_l2(w, b, X, Y, lambd):
    grads_data, cost_data = propagate(w, b, X, Y)
    m = X.shape[1]
    cost = cost_data
    dw = grads_data["dw"] + (lambd / m) * w
    db = grads_data["db"]
    return {"dw": dw, "db": db}, cost
