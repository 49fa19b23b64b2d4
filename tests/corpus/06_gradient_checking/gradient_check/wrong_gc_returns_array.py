# exercise: gradient_check
# diagnosis: should be a single number
# Keeps the result as a one-element array.
import numpy as np


def gradient_check(cost_fn, grad_fn, theta, eps=1e-5):
    g = np.asarray(grad_fn(theta), dtype=np.float64)
    g_hat = numerical_gradient(cost_fn, theta, eps)
    total = np.linalg.norm(g) + np.linalg.norm(g_hat)
    return np.array([0.0 if total == 0 else np.linalg.norm(g - g_hat) / total])
