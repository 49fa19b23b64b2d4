# exercise: propagate_l2
# diagnosis: regularizes the bias
# Penalizes b as well as w: b^2 in the cost and (lambd / m) b in db.
import numpy as np


def propagate_l2(w, b, X, Y, lambd):
    grads_data, cost_data = propagate(w, b, X, Y)
    m = X.shape[1]
    cost = cost_data + lambd / (2 * m) * (float(np.sum(w ** 2)) + b ** 2)
    dw = grads_data["dw"] + (lambd / m) * w
    db = grads_data["db"] + (lambd / m) * b
    return {"dw": dw, "db": db}, cost
