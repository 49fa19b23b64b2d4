# exercise: gradient_check
# diagnosis: divided 0 by 0
# No special case for two zero gradients, in Python floats: 0.0 / 0.0 raises ZeroDivisionError.
import numpy as np


def gradient_check(cost_fn, grad_fn, theta, eps=1e-5):
    g = np.asarray(grad_fn(theta), dtype=np.float64)
    g_hat = numerical_gradient(cost_fn, theta, eps)
    difference = float(np.linalg.norm(g - g_hat))
    return difference / (float(np.linalg.norm(g)) + float(np.linalg.norm(g_hat)))
