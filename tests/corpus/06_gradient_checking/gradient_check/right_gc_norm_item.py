# exercise: gradient_check
# The relative error with np.linalg.norm of the flattened gradients, returned with .item().
import numpy as np


def gradient_check(cost_fn, grad_fn, theta, eps=1e-5):
    g = np.ravel(grad_fn(np.array(theta, dtype=float)))
    g_hat = np.ravel(numerical_gradient(cost_fn, theta, eps))
    denominator = np.linalg.norm(g) + np.linalg.norm(g_hat)
    if denominator == 0:
        return 0.0
    return (np.linalg.norm(g - g_hat) / denominator).item()
