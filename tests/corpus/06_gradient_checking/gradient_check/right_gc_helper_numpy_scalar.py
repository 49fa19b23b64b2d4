# exercise: gradient_check
# A helper for the norm (square root of the sum of squares); the result a numpy float64, not a Python float.
import numpy as np


def gradient_check(cost_fn, grad_fn, theta, eps=1e-5):
    g = np.asarray(grad_fn(np.array(theta, dtype=np.float64)), dtype=np.float64)
    g_hat = numerical_gradient(cost_fn, theta, eps=eps)
    denominator = _norm(g) + _norm(g_hat)
    if denominator == 0:
        return np.float64(0.0)
    return _norm(g - g_hat) / denominator


def _norm(v):
    return np.sqrt(np.sum(np.square(v)))
