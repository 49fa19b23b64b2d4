# exercise: gradient_check
# diagnosis: pass your eps on
# Calls numerical_gradient without eps, so it always uses the default step.
import numpy as np


def gradient_check(cost_fn, grad_fn, theta, eps=1e-5):
    g = np.asarray(grad_fn(theta), dtype=np.float64)
    g_hat = numerical_gradient(cost_fn, theta)
    total = np.linalg.norm(g) + np.linalg.norm(g_hat)
    return 0.0 if total == 0 else float(np.linalg.norm(g - g_hat) / total)
