"""The sigmoid activation and its derivative."""

import numpy as np

from ._checks import as_float_array


def _scalar_or_array(z, out):
    # A scalar in gives a numpy float64 scalar out, an array gives an array.
    return out[()] if np.ndim(z) == 0 else out


def sigmoid(z):
    """The logistic function, elementwise.

    .. math:: \\sigma(z) = \\frac{1}{1 + e^{-z}} = \\frac{e^{\\min(z, 0)}}{1 + e^{-|z|}}

    The right-hand form is the same function (multiply top and bottom by
    ``e^z`` when ``z < 0``), but no exponent is ever positive: nothing overflows
    and no RuntimeWarning is raised for any finite ``z`` (e.g. +-1e308), and
    tiny values such as sigma(-700) = 9.9e-305 keep full precision.

    Parameters
    ----------
    z : scalar or array of any shape

    Returns
    -------
    float64 scalar or array of the same shape, in [0, 1].

    Exercise
    --------
    ``sigmoid`` in chapter ``01_one_neuron``, graded by ``test_sigmoid_values``,
    ``test_sigmoid_shapes``, ``test_sigmoid_extremes`` and
    ``test_sigmoid_going_further``; its corpus is
    ``tests/corpus/01_one_neuron/sigmoid/``.
    """
    z = as_float_array("z", z)
    s = np.empty_like(z)  # an array even for 0-d z, so the ufuncs below can write into it
    np.minimum(z, 0.0, out=s)
    np.exp(s, out=s)
    s /= 1.0 + exp_neg_abs(z)
    return _scalar_or_array(z, s)


def sigmoid_derivative(z):
    """The derivative of the sigmoid with respect to its input, elementwise.

    .. math:: \\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z)) = \\frac{e^{-|z|}}{(1 + e^{-|z|})^2}

    The right-hand form is the same function (sigma' is even) but keeps full
    relative precision in the tails, where ``1 - sigma(z)`` would round to 0.

    Parameters
    ----------
    z : scalar or array of any shape (the pre-activation, not ``a``)

    Returns
    -------
    float64 scalar or array of the same shape, in [0, 0.25].

    Exercise
    --------
    ``sigmoid_derivative`` in chapter ``02_sigmoid_derivative``, graded by
    ``test_sigmoid_derivative_values``, ``test_sigmoid_derivative_shapes``,
    ``test_sigmoid_derivative_slope``, ``test_sigmoid_derivative_tails`` and
    ``test_sigmoid_derivative_going_further``; its corpus is
    ``tests/corpus/02_sigmoid_derivative/sigmoid_derivative/``.
    """
    z = as_float_array("z", z)
    e = exp_neg_abs(z)
    out = e / np.square(1.0 + e)
    return _scalar_or_array(z, out)


def exp_neg_abs(z):
    """``exp(-|z|)`` for a float64 array, in one new buffer (never overflows)."""
    e = np.empty_like(z)
    np.abs(z, out=e)
    np.negative(e, out=e)
    return np.exp(e, out=e)
