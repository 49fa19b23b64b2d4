# exercise: gradient_check
# diagnosis: without dividing
# The absolute error ||g - g_hat||, not a relative one.
import numpy as np


def gradient_check(cost_fn, grad_fn, theta, eps=1e-5):
    g = np.asarray(grad_fn(theta), dtype=np.float64)
    g_hat = numerical_gradient(cost_fn, theta, eps)
    return float(np.linalg.norm(g - g_hat))
