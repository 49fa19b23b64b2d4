# exercise: numerical_gradient
# A loop over the flat index of a copy; each cost taken out as a number with np.asarray(...).item().
import numpy as np


def numerical_gradient(f, theta, eps=1e-5):
    theta = np.array(theta, dtype=float)
    grad = np.zeros(theta.size)
    for i in range(theta.size):
        plus = theta.copy().reshape(-1)
        minus = theta.copy().reshape(-1)
        plus[i] += eps
        minus[i] -= eps
        up = np.asarray(f(plus.reshape(theta.shape))).item()
        down = np.asarray(f(minus.reshape(theta.shape))).item()
        grad[i] = (up - down) / (2 * eps)
    return grad.reshape(theta.shape)
