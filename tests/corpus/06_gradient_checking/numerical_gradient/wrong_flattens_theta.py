# exercise: numerical_gradient
# diagnosis: numerical_gradient called f with an array of shape
# Flattens theta to loop with one index: f is called with flat vectors, and the result is flat.
import numpy as np


def numerical_gradient(f, theta, eps=1e-5):
    point = np.array(theta, dtype=np.float64).ravel()
    estimate = np.zeros(point.size)
    for i in range(point.size):
        saved = point[i]
        point[i] = saved + eps
        f_plus = float(f(point.copy()))
        point[i] = saved - eps
        f_minus = float(f(point.copy()))
        point[i] = saved
        estimate[i] = (f_plus - f_minus) / (2 * eps)
    return estimate
