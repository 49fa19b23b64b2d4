"""Two steps of chapter 5's backward pass over m examples, each on its own.

``dJ_dZ`` is the derivative of the cost with respect to every example's score,
``dJ_dw_from_dZ`` the weight gradient collected from chapter 5's error row
``dZ = A - Y``. Together with ``db`` they are what ``propagate`` computes.
"""

import numpy as np

from ._checks import as_float_array, require_labels, require_matrix, require_nonempty, require_probabilities


def dJ_dZ(A, Y):
    """The derivative of the cost with respect to every example's score, as a row.

    .. math:: \\frac{\\partial J}{\\partial z^{(i)}} = \\frac{1}{m} \\big(a^{(i)} - y^{(i)}\\big),
              \\qquad \\frac{\\partial J}{\\partial Z} = \\frac{1}{m} (A - Y)

    Each ``z^{(i)}`` appears in one term of the mean, so the ``1/m`` of the mean
    stays in front of chapter 4's ``a - y``. ``m`` is the number of columns.

    Parameters
    ----------
    A : array (1, m) of activations in [0, 1]
    Y : array (1, m) of 0/1 labels

    Returns
    -------
    float64 array (1, m), a new array.

    Exercise
    --------
    ``dJ_dZ`` in chapter ``05_vectorization``, graded by ``test_dJ_dZ_values`` and
    ``test_dJ_dZ_shape``; its corpus is ``tests/corpus/05_vectorization/dJ_dZ/``.
    """
    A = as_float_array("A", A)
    require_matrix("A", A, rows=1, expected="(1, m), one activation per example")
    require_nonempty("A", A)
    require_probabilities("A", A)
    m = A.shape[1]
    Y = as_float_array("Y", Y)
    require_matrix("Y", Y, 1, m, expected=f"(1, m) = (1, {m})")
    require_labels("Y", Y)
    return (A - Y) / m


def dJ_dw_from_dZ(X, dZ):
    """The gradient of the cost with respect to the weights, from the error row ``dZ = A - Y``.

    .. math:: dw = \\frac{1}{m} \\sum_{i=1}^{m} x^{(i)}\\, dz^{(i)} = \\frac{1}{m}\\, X\\, dZ^\\top

    Parameters
    ----------
    X : array (n_x, m), one example per column
    dZ : array (1, m), chapter 4's ``dz = a - y`` of every example (without the 1/m)

    Returns
    -------
    float64 array (n_x, 1), a new array.

    Exercise
    --------
    ``dJ_dw_from_dZ`` in chapter ``05_vectorization``, graded by
    ``test_dJ_dw_from_dZ_values`` and ``test_dJ_dw_from_dZ_shape``; its corpus is
    ``tests/corpus/05_vectorization/dJ_dw_from_dZ/``.
    """
    X = as_float_array("X", X)
    require_matrix("X", X, expected="(n_x, m), one example per column")
    require_nonempty("X", X)
    m = X.shape[1]
    dZ = as_float_array("dZ", dZ)
    require_matrix("dZ", dZ, 1, m, expected=f"(1, m) = (1, {m}), one error per example")
    if not (np.isfinite(X).all() and np.isfinite(dZ).all()):
        raise ValueError("X and dZ must contain finite numbers, found nan or inf")
    return (X @ dZ.T) / m
