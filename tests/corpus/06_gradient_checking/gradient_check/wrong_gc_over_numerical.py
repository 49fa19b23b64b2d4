# exercise: gradient_check
# diagnosis: You divided by ||g_hat|| only
# ||g - g_hat|| / ||g_hat||: relative to the numerical gradient only.
import numpy as np


def gradient_check(cost_fn, grad_fn, theta, eps=1e-5):
    g = np.asarray(grad_fn(theta), dtype=np.float64)
    g_hat = numerical_gradient(cost_fn, theta, eps)
    if np.linalg.norm(g_hat) == 0:
        return 0.0
    return float(np.linalg.norm(g - g_hat) / np.linalg.norm(g_hat))
