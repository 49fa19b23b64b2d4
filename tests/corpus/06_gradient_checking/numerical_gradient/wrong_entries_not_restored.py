# exercise: numerical_gradient
# diagnosis: put each entry back before moving the next one
# Works on a copy but never restores an entry: later evaluations see several entries moved at once.
import numpy as np


def numerical_gradient(f, theta, eps=1e-5):
    point = np.array(theta, dtype=np.float64)
    estimate = np.zeros_like(point)
    for index in np.ndindex(np.shape(theta)):
        saved = point[index]
        point[index] = saved + eps
        f_plus = float(f(point.copy()))
        point[index] = saved - eps
        f_minus = float(f(point.copy()))
        estimate[index] = (f_plus - f_minus) / (2 * eps)
    return estimate
