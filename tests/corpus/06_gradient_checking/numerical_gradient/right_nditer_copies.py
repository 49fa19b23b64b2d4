# exercise: numerical_gradient
# Two fresh copies of theta for every entry (no saving and restoring); the estimates collected in a list.
import numpy as np


def numerical_gradient(f, theta, eps=1e-5):
    theta = np.asarray(theta, dtype=np.float64)
    slopes = []
    for index in np.ndindex(theta.shape):
        plus, minus = theta.copy(), theta.copy()
        plus[index] += eps
        minus[index] -= eps
        slopes.append((f(plus) - f(minus)) / (2 * eps))
    return np.array(slopes, dtype=np.float64).reshape(theta.shape)
