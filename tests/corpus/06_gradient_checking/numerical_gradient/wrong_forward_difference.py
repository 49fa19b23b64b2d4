# exercise: numerical_gradient
# diagnosis: You used the forward difference
# One-sided (f(theta + eps e_i) - f(theta)) / eps instead of the central difference.
import numpy as np


def numerical_gradient(f, theta, eps=1e-5):
    point = np.array(theta, dtype=np.float64)
    estimate = np.zeros_like(point)
    for index in np.ndindex(np.shape(theta)):
        saved = point[index]
        f_here = float(f(point.copy()))
        point[index] = saved + eps
        estimate[index] = (float(f(point.copy())) - f_here) / eps
        point[index] = saved
    return estimate
