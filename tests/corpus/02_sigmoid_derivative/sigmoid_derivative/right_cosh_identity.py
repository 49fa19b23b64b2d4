# exercise: sigmoid_derivative
# Another closed form, sigma'(z) = 1 / (4 cosh^2(z / 2)); cosh overflows to inf (with a warning) far out, giving 0.
import numpy as np


def sigmoid_derivative(z):
    z = np.asarray(z, dtype=np.float64)
    return 1.0 / (4.0 * np.cosh(z / 2.0) ** 2)
