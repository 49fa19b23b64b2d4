"""Finite-difference gradients and the relative error used to check analytic ones."""

import numpy as np

from ._checks import as_scalar, require_float64


def numerical_gradient(f, theta, eps=1e-5):
    """Central-difference estimate of the gradient of a scalar function.

    .. math:: \\frac{\\partial f}{\\partial \\theta_i} \\approx
              \\frac{f(\\theta + \\varepsilon e_i) - f(\\theta - \\varepsilon e_i)}{2\\varepsilon}

    The truncation error is O(eps^2), against O(eps) for the forward difference.
    The denominator is the step actually taken, ``(theta_i + eps) - (theta_i - eps)``,
    which differs from ``2 * eps`` by the rounding of ``theta_i +- eps``.

    Parameters
    ----------
    f : callable taking an array shaped like ``theta`` and returning a scalar
    theta : float64 array of any shape; it is not modified
    eps : positive float, the step

    Returns
    -------
    float64 array shaped like ``theta``.

    Exercise
    --------
    ``numerical_gradient`` in chapter ``06_gradient_checking``, graded by
    ``test_numerical_gradient_values`` and
    ``test_numerical_gradient_leaves_theta_alone``; its corpus is
    ``tests/corpus/06_gradient_checking/numerical_gradient/``.
    """
    theta = require_float64("theta", theta)
    eps = as_scalar("eps", eps)
    if not (np.isfinite(eps) and eps > 0):
        raise ValueError(f"eps must be a positive finite step, got {eps}")
    point = theta.copy()
    flat = point.reshape(-1)
    grad = np.empty(theta.shape, dtype=np.float64)
    for i in range(flat.size):
        center = flat[i]
        flat[i] = center + eps
        f_plus = _scalar_value(f, point)
        upper = flat[i]
        flat[i] = center - eps
        f_minus = _scalar_value(f, point)
        lower = flat[i]
        flat[i] = center
        grad.reshape(-1)[i] = (f_plus - f_minus) / (upper - lower)
    return grad


def relative_error(g, g_hat):
    """Symmetric relative error ||g - g_hat|| / (||g|| + ||g_hat||), and 0 when both are 0."""
    g = np.asarray(g, dtype=np.float64)
    g_hat = np.asarray(g_hat, dtype=np.float64)
    denominator = np.linalg.norm(g) + np.linalg.norm(g_hat)
    if denominator == 0:
        return 0.0
    return float(np.linalg.norm(g - g_hat) / denominator)


def gradient_check(cost_fn, grad_fn, theta, eps=1e-5):
    """Relative error between an analytic gradient and central differences of the cost.

    .. math:: \\frac{\\lVert g - \\hat g \\rVert}{\\lVert g \\rVert + \\lVert \\hat g \\rVert},
              \\quad g = \\texttt{grad\\_fn}(\\theta), \\ \\hat g = \\texttt{numerical\\_gradient}(\\texttt{cost\\_fn}, \\theta)

    A correct float64 gradient of a smooth cost gives about 1e-9 or less; above
    1e-5 it is wrong. Neither function may change ``theta``.

    Parameters
    ----------
    cost_fn : callable, theta -> scalar
    grad_fn : callable, theta -> array shaped like theta
    theta : float64 array
    eps : positive float

    Returns
    -------
    float, the relative error (0.0 when both gradients are exactly 0).

    Exercise
    --------
    ``gradient_check`` in chapter ``06_gradient_checking``, graded by
    ``test_gradient_check_relative_error`` and ``test_gradient_check_zero_gradients``;
    its corpus is ``tests/corpus/06_gradient_checking/gradient_check/``.
    """
    theta = require_float64("theta", theta)
    analytic = np.asarray(grad_fn(theta.copy()))
    if analytic.shape != theta.shape:
        raise ValueError(f"grad_fn(theta) must have the shape of theta, {theta.shape}, got {analytic.shape}")
    return relative_error(analytic, numerical_gradient(cost_fn, theta, eps))


def _scalar_value(f, point):
    # A copy, so that a function that writes into its argument cannot shift the next probe.
    value = f(point.copy())
    try:
        return as_scalar("f(theta)", value)
    except ValueError:
        raise ValueError(
            f"f must return a single number (the cost), got {type(value).__name__}"
            + (f" of shape {np.shape(value)}" if hasattr(value, "shape") else "")
        ) from None
