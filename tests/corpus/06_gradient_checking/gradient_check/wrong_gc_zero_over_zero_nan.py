# exercise: gradient_check
# diagnosis: returned nan when both gradients are zero
# No special case for two zero gradients: numpy computes 0 / 0 = nan.
import numpy as np


def gradient_check(cost_fn, grad_fn, theta, eps=1e-5):
    g = np.asarray(grad_fn(theta), dtype=np.float64)
    g_hat = numerical_gradient(cost_fn, theta, eps)
    return float(np.linalg.norm(g - g_hat) / (np.linalg.norm(g) + np.linalg.norm(g_hat)))
