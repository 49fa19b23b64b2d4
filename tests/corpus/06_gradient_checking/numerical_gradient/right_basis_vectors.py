# exercise: numerical_gradient
# No writes into theta at all: theta +- eps * e_k with a one-hot basis array e_k, one flat index k at a time.
import numpy as np


def _basis(shape, k):
    e = np.zeros(shape)
    e.flat[k] = 1.0
    return e


def numerical_gradient(f, theta, eps=1e-5):
    theta = np.asarray(theta, dtype=np.float64)
    estimate = np.empty(theta.shape)
    for k in range(theta.size):
        step = eps * _basis(theta.shape, k)
        estimate.flat[k] = (float(f(theta + step)) - float(f(theta - step))) / (2 * eps)
    return estimate
