# exercise: gradient_check
# Both gradients flattened to vectors first, with np.dot for the squared norms.
import numpy as np


def gradient_check(cost_fn, grad_fn, theta, eps=1e-5):
    g = np.ravel(np.asarray(grad_fn(theta.copy()), dtype=np.float64))
    g_hat = np.ravel(numerical_gradient(cost_fn, theta.copy(), eps))
    d = g - g_hat
    top = np.sqrt(np.dot(d, d))
    bottom = np.sqrt(np.dot(g, g)) + np.sqrt(np.dot(g_hat, g_hat))
    return float(top / bottom) if bottom > 0 else 0.0
