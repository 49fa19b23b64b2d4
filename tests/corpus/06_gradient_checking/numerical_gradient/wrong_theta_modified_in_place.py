# exercise: numerical_gradient
# diagnosis: changed theta in place
# Moves the entries of theta itself and never puts them back (after the loop each entry sits at theta - eps).
import numpy as np


def numerical_gradient(f, theta, eps=1e-5):
    estimate = np.zeros(np.shape(theta), dtype=np.float64)
    for index in np.ndindex(np.shape(theta)):
        theta[index] += eps
        f_plus = float(f(theta))
        theta[index] -= 2 * eps
        f_minus = float(f(theta))
        estimate[index] = (f_plus - f_minus) / (2 * eps)
    return estimate
