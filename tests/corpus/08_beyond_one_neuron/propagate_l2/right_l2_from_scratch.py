# exercise: propagate_l2
# Everything computed from scratch (no call to propagate), ||w||^2 as the (1, 1) product w^T w, a stable cost from Z.
import numpy as np


def propagate_l2(w, b, X, Y, lambd):
    m = X.shape[1]
    Z = w.T @ X + b
    A = sigmoid(Z)
    data_cost = np.mean(Y * np.logaddexp(0.0, -Z) + (1 - Y) * np.logaddexp(0.0, Z))
    penalty = (w.T @ w).item() * lambd / (2 * m)
    dw = (X @ (A - Y).T + lambd * w) / m
    db = np.sum(A - Y) / m
    return {"dw": dw, "db": float(db)}, float(data_cost + penalty)
