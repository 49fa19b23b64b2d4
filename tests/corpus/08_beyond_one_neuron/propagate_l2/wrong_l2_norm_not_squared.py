# exercise: propagate_l2
# diagnosis: It uses ||w||, not its square
# np.linalg.norm(w) (the length) instead of the sum of squares.
import numpy as np


def propagate_l2(w, b, X, Y, lambd):
    grads_data, cost_data = propagate(w, b, X, Y)
    m = X.shape[1]
    cost = cost_data + lambd / (2 * m) * float(np.linalg.norm(w))
    dw = grads_data["dw"] + (lambd / m) * w
    db = grads_data["db"]
    return {"dw": dw, "db": db}, cost
