"""One step of a derivation each: the local derivatives that the chain rule multiplies.

Chapters 2 to 4 ask for these steps one at a time (the derivation exercises), so
that a slip in a derivation shows up as a wrong number: a dropped minus sign, a
missing factor, a derivative evaluated at the wrong point.
"""

import numpy as np

from ._checks import as_float_array, as_scalar, require_labels, require_same_shape
from .activation import _scalar_or_array, sigmoid


def dsigma_du(u):
    """The outer link of the sigmoid's chain: the derivative of the reciprocal 1/u, elementwise.

    .. math:: \\frac{d}{du} \\frac{1}{u} = -\\frac{1}{u^{2}}

    Written as ``-(1/u)**2``: for a huge ``u`` (``1 + e^{700}``) the square of
    ``1/u`` underflows quietly to 0, where ``u**2`` would overflow first.

    Parameters
    ----------
    u : nonzero scalar or array of any shape (in the sigmoid, ``u = 1 + e^{-z} >= 1``)

    Returns
    -------
    float64 scalar or array of the same shape, negative.

    Exercise
    --------
    ``dsigma_du`` in chapter ``02_sigmoid_derivative``, graded by
    ``test_dsigma_du_values`` and ``test_dsigma_du_slope``; its corpus is
    ``tests/corpus/02_sigmoid_derivative/dsigma_du/``.
    """
    u = as_float_array("u", u)
    if not np.isfinite(u).all() or (u == 0).any():
        raise ValueError("u must be finite and nonzero: 1/u has no derivative at u = 0")
    out = -np.square(1.0 / u)
    return _scalar_or_array(u, out)


def du_dz(z):
    """The inner link of the sigmoid's chain: the derivative of u = 1 + e^{-z}, elementwise.

    .. math:: \\frac{d}{dz} \\left(1 + e^{-z}\\right) = 0 + e^{-z} \\cdot (-1) = -e^{-z}

    Below ``z = -709.78`` the true value is beyond float64 and the result is
    ``-inf``, returned without a warning.

    Parameters
    ----------
    z : scalar or array of any shape

    Returns
    -------
    float64 scalar or array of the same shape, negative.

    Exercise
    --------
    ``du_dz`` in chapter ``02_sigmoid_derivative``, graded by
    ``test_du_dz_values`` and ``test_du_dz_slope``; its corpus is
    ``tests/corpus/02_sigmoid_derivative/du_dz/``.
    """
    z = as_float_array("z", z)
    with np.errstate(over="ignore"):
        out = -np.exp(-z)
    return _scalar_or_array(z, out)


def dL_dz(z, y):
    """The slope of the cross-entropy loss in the logit z, elementwise.

    .. math:: \\frac{\\partial}{\\partial z} \\left(\\ln(1 + e^{z}) - y z\\right) = \\frac{e^{z}}{1 + e^{z}} - y = \\sigma(z) - y

    ``sigma`` is the stable one, so nothing overflows for any finite ``z``.

    Parameters
    ----------
    z : scalar or array of any shape, the logits
    y : labels 0 or 1, of the same shape (or one label for every entry)

    Returns
    -------
    float64 scalar or array of the same shape, in [-1, 1].

    Exercise
    --------
    ``dL_dz`` in chapter ``03_cross_entropy``, graded by
    ``test_dL_dz_values`` and ``test_dL_dz_far``; its corpus is
    ``tests/corpus/03_cross_entropy/dL_dz/``.
    """
    z = as_float_array("z", z)
    y = _labels_like("z", z, as_float_array("y", y))
    require_labels("y", y)
    out = np.asarray(sigmoid(z)) - y
    return _scalar_or_array(z, out)


def dlogc_da(a, c):
    """The derivative of the loss -log_c(a) of a positive example, in base c, elementwise.

    .. math:: \\frac{\\partial}{\\partial a} \\left(-\\log_{c} a\\right) = -\\frac{1}{a \\ln c}

    Parameters
    ----------
    a : scalar or array of any shape, predictions in (0, 1]
    c : the base, a number > 0 and != 1

    Returns
    -------
    float64 scalar or array of the shape of ``a``.

    Exercise
    --------
    ``dlogc_da`` in chapter ``03_cross_entropy``, graded by
    ``test_dlogc_da_values`` and ``test_dlogc_da_slope``; its corpus is
    ``tests/corpus/03_cross_entropy/dlogc_da/``.
    """
    a = as_float_array("a", a)
    if not ((a > 0) & (a <= 1)).all():
        bad = a[~((a > 0) & (a <= 1))].ravel()[:3]
        raise ValueError(f"a must contain predictions in (0, 1], found {bad.tolist()}")
    c = as_scalar("c", c)
    if not (np.isfinite(c) and c > 0 and c != 1):
        raise ValueError(f"c must be a base > 0 other than 1, got {c}")
    out = -1.0 / (a * np.log(c))
    return _scalar_or_array(a, out)


def dL_da(a, y):
    """The derivative of the cross-entropy loss with respect to the activation, elementwise.

    .. math:: \\frac{\\partial \\mathcal{L}}{\\partial a} = -\\frac{y}{a} + \\frac{1 - y}{1 - a}

    For a 0/1 label only one term is alive, ``-1/a`` or ``1/(1 - a)``, and only that
    term is used: ``0 * inf`` never arises.

    Parameters
    ----------
    a : scalar or array of any shape, predictions in the open interval (0, 1)
    y : labels 0 or 1, of the same shape (or one label for every entry)

    Returns
    -------
    float64 scalar or array of the same shape.

    Exercise
    --------
    ``dL_da`` in chapter ``04_backprop_one_example``, graded by
    ``test_dL_da_values`` and ``test_dL_da_slope``; its corpus is
    ``tests/corpus/04_backprop_one_example/dL_da/``.
    """
    a = as_float_array("a", a)
    y = _labels_like("a", a, as_float_array("y", y))
    require_labels("y", y)
    if not ((a > 0) & (a < 1)).all():
        bad = a[~((a > 0) & (a < 1))].ravel()[:3]
        raise ValueError(f"a must contain predictions strictly between 0 and 1, found {bad.tolist()}")
    with np.errstate(over="ignore"):
        # A term the label switches off may overflow (1/a for a subnormal a); the live one is
        # -inf only where the true value is beyond float64.
        out = np.where(y == 1, -1.0 / a, 1.0 / (1.0 - a))
    return _scalar_or_array(a, out)


def dL_dw(x, a, y):
    """The gradient of one example's loss with respect to the weights: the three links multiplied.

    .. math::
        \\frac{\\partial \\mathcal{L}}{\\partial w} = \\frac{\\partial \\mathcal{L}}{\\partial a}\\,
        \\frac{\\partial a}{\\partial z}\\, \\frac{\\partial z}{\\partial w} = (a - y)\\, x

    Parameters
    ----------
    x : array (n_x, 1), one example
    a : the neuron's output for it, a number in [0, 1]
    y : its label, 0 or 1

    Returns
    -------
    array (n_x, 1), the shape of ``w``.

    Exercise
    --------
    ``dL_dw`` in chapter ``04_backprop_one_example``, graded by
    ``test_dL_dw_values``, ``test_dL_dw_shape`` and ``test_dL_dw_gradient``; its corpus is
    ``tests/corpus/04_backprop_one_example/dL_dw/``.
    """
    x = as_float_array("x", x)
    if x.ndim != 2 or x.shape[1] != 1 or x.shape[0] == 0:
        raise ValueError(f"x must be one example, a column of shape (n_x, 1), got shape {x.shape}")
    a = as_scalar("a", a)
    if not 0.0 <= a <= 1.0:
        raise ValueError(f"a must be a probability in [0, 1], got {a}")
    y = as_scalar("y", y)
    require_labels("y", np.asarray(y))
    return x * (a - y)


def _labels_like(name, values, y):
    """``y`` with the shape of ``values``: the same shape, or one label for every entry."""
    if y.ndim == 0:
        y = np.broadcast_to(y, values.shape)
    require_same_shape(name, values, "y", y)
    return y
