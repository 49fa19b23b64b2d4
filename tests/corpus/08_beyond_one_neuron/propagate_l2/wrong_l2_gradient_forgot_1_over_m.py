# exercise: propagate_l2
# diagnosis: it is (lambd / m) w, not lambd w
# The penalty's gradient without 1/m: dw + lambd w.
import numpy as np


def propagate_l2(w, b, X, Y, lambd):
    grads_data, cost_data = propagate(w, b, X, Y)
    m = X.shape[1]
    cost = cost_data + lambd / (2 * m) * float(np.sum(np.square(w)))
    dw = grads_data["dw"] + lambd * w
    db = grads_data["db"]
    return {"dw": dw, "db": db}, cost
