# exercise: numerical_gradient
# diagnosis: You used the backward difference
# One-sided (f(theta) - f(theta - eps e_i)) / eps.
import numpy as np


def numerical_gradient(f, theta, eps=1e-5):
    point = np.array(theta, dtype=np.float64)
    estimate = np.zeros_like(point)
    for index in np.ndindex(np.shape(theta)):
        saved = point[index]
        f_here = float(f(point.copy()))
        point[index] = saved - eps
        estimate[index] = (f_here - float(f(point.copy()))) / eps
        point[index] = saved
    return estimate
