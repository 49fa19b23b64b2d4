# exercise: numerical_gradient
# diagnosis: You ignored the eps argument
# A hard-coded step h = 1e-5 instead of the eps it is given.
import numpy as np


def numerical_gradient(f, theta, eps=1e-5):
    point = np.array(theta, dtype=np.float64)
    estimate = np.zeros_like(point)
    for index in np.ndindex(np.shape(theta)):
        h = 1e-5
        saved = point[index]
        point[index] = saved + h
        f_plus = float(f(point.copy()))
        point[index] = saved - h
        f_minus = float(f(point.copy()))
        point[index] = saved
        estimate[index] = (f_plus - f_minus) / (2 * h)
    return estimate
