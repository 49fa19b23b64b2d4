# exercise: propagate_l2
# diagnosis: The penalty is twice too large
# The cost's penalty written as (lambd / m) ||w||^2, without the 1/2.
import numpy as np


def propagate_l2(w, b, X, Y, lambd):
    grads_data, cost_data = propagate(w, b, X, Y)
    m = X.shape[1]
    cost = cost_data + lambd / m * float(np.sum(w ** 2))
    dw = grads_data["dw"] + (lambd / m) * w
    db = grads_data["db"]
    return {"dw": dw, "db": db}, cost
