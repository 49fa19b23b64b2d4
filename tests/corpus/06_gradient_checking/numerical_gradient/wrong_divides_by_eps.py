# exercise: numerical_gradient
# diagnosis: divide by 2 * eps
# Central difference divided by eps instead of 2 eps.
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
        point[index] = saved
        estimate[index] = (f_plus - f_minus) / eps
    return estimate
