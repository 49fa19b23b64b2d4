"""L2 regularization (weight decay) of the logistic-regression cost."""

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
