"""L2 regularization (weight decay) of the logistic-regression cost."""

from numbers import Integral

import numpy as np

from ._checks import as_float_array, as_scalar
from .backprop import propagate


def propagate_l2(w, b, X, Y, lambd):
    """Cost and gradients of the L2-regularized cross-entropy, vectorized.

    .. math::
        J_\\lambda = \\frac{1}{m}\\sum_i \\mathcal{L}(a^{(i)}, y^{(i)})
                     + \\frac{\\lambda}{2m} \\lVert w \\rVert^2, \\quad
        dw_\\lambda = \\frac{1}{m} X (A - Y)^T + \\frac{\\lambda}{m} w, \\quad
        db_\\lambda = \\frac{1}{m} \\sum_i (a^{(i)} - y^{(i)})

    The bias is not penalized: it shifts the decision boundary without
    steepening the sigmoid, so shrinking it buys no smoothness. The
    cross-entropy part is exactly ``propagate``; ``lambd = 0`` returns its
    result unchanged. A penalty beyond the largest float64 (only for weights
    around 1e154 and more) is returned as ``inf``, silently.

    Parameters
    ----------
    w : array (n_x, 1)
    b : float
    X : array (n_x, m), one example per column
    Y : array (1, m) of 0/1 labels
    lambd : float >= 0, the regularization strength lambda
        (``lambda`` is a Python keyword, hence the spelling)

    Returns
    -------
    grads : dict with ``dw``, an array (n_x, 1), and ``db``, a float
    cost : float

    Exercise
    --------
    ``propagate_l2`` in chapter ``08_beyond_one_neuron``, graded by
    ``test_propagate_l2_shapes``, ``test_propagate_l2_cost``,
    ``test_propagate_l2_gradients``, ``test_propagate_l2_lambda`` and
    ``test_propagate_l2_gradient_check``; its corpus is
    ``tests/corpus/08_beyond_one_neuron/propagate_l2/``.
    """
    lambd = _strength("lambd", lambd)
    grads, cost = propagate(w, b, X, Y)  # validates w, b, X and Y
    if lambd == 0.0:
        return grads, cost
    w = as_float_array("w", w)
    m = np.shape(X)[1]
    with np.errstate(over="ignore"):
        # The norm is computed with scaling, so only a truly unrepresentable
        # penalty overflows, to inf; lambd / (2 m) first keeps it in range.
        norm = float(np.linalg.norm(w))
        penalty = (lambd / (2 * m)) * norm * norm
        dw = grads["dw"] + (lambd / m) * w
    return {"dw": dw, "db": grads["db"]}, cost + penalty


def _strength(name, value):
    value = as_scalar(name, value)
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"{name} (the regularization strength lambda) must be a finite number >= 0, got {value}")
    return value


def dR_dw(w, lambd, m):
    """The gradient of the L2 penalty with respect to the weights.

    .. math:: R(w) = \\frac{\\lambda}{2m} \\lVert w \\rVert^2, \\qquad
              \\frac{\\partial R}{\\partial w_j} = \\frac{\\lambda}{2m} \\cdot 2 w_j = \\frac{\\lambda}{m} w_j

    Only the square ``w_j^2`` of the sum depends on ``w_j``; the 2 of its
    derivative cancels the penalty's 1/2. The bias is not in the penalty.

    Parameters
    ----------
    w : array (n_x, 1)
    lambd : float >= 0, the regularization strength lambda
    m : int >= 1, the number of training examples

    Returns
    -------
    float64 array (n_x, 1), a new array.

    Exercise
    --------
    ``dR_dw`` in chapter ``08_beyond_one_neuron``, graded by ``test_dR_dw_values`` and
    ``test_dR_dw_shape``; its corpus is ``tests/corpus/08_beyond_one_neuron/dR_dw/``.
    """
    w = as_float_array("w", w)
    if w.ndim != 2 or w.shape[1] != 1:
        raise ValueError(f"w must be a column vector of shape (n_x, 1), got shape {w.shape}")
    lambd = _strength("lambd", lambd)
    m = _examples("m", m)
    return (lambd / m) * w


def _examples(name, value):
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (Integral, np.integer)) or value < 1:
        raise ValueError(f"{name} (the number of examples) must be an integer >= 1, got {value!r}")
    return int(value)
