"""Softmax regression: the K-class sibling of logistic regression.

Shapes follow the course's convention, one example per column: scores ``Z``
and one-hot labels ``Y`` are (K, m), K classes by m examples.
"""

import numpy as np

from ._checks import as_float_array, require_labels, require_matrix, require_nonempty, require_same_shape
from .loss import _mean


def softmax(Z):
    """Column-wise softmax: each column of scores becomes a probability distribution.

    .. math:: a_k = \\frac{e^{z_k}}{\\sum_{j=1}^{K} e^{z_j}}
                  = \\frac{e^{z_k - \\max_j z_j}}{\\sum_{j=1}^{K} e^{z_j - \\max_j z_j}}

    The two forms are equal (multiply top and bottom by ``e^{-max z}``), but in
    the second every exponent is <= 0 and the denominator is >= 1: nothing
    overflows, nothing divides by 0, and no warning is raised for any finite
    ``Z`` (e.g. +-1e308). A difference below -1.8e308 rounds to ``-inf``,
    whose exponential is exactly the 0 it should be.

    Parameters
    ----------
    Z : array (K, m) of finite scores, one example per column

    Returns
    -------
    float64 array (K, m), entries in [0, 1], each column summing to 1.

    Exercise
    --------
    ``softmax`` in chapter ``08_beyond_one_neuron``, graded by ``test_softmax_values``,
    ``test_softmax_columns``, ``test_softmax_large_scores`` and
    ``test_softmax_two_classes``; its corpus is
    ``tests/corpus/08_beyond_one_neuron/softmax/``.
    """
    Z = _scores("Z", Z)
    return _softmax_parts(Z)[0]


def softmax_cost(Z, Y):
    """Mean cross-entropy of a softmax output, computed from the scores.

    .. math::
        J = \\frac{1}{m} \\sum_{i=1}^{m} \\Big( \\ln \\sum_{j=1}^{K} e^{z_j^{(i)}}
            - \\sum_{k=1}^{K} y_k^{(i)} z_k^{(i)} \\Big)
          = -\\frac{1}{m} \\sum_{i=1}^{m} \\sum_{k=1}^{K} y_k^{(i)} \\ln a_k^{(i)}

    The log-sum-exp is taken around each column's maximum,
    ``ln sum_j e^{z_j} = max z + ln sum_j e^{z_j - max z}``, so the cost is exact
    where ``ln(softmax(Z))`` would be ``ln 0 = -inf``: it is finite whenever the
    loss itself is (the loss of an example exceeds the largest float64 only
    when its scores are more than 1.8e308 apart; that is returned as ``inf``).

    Parameters
    ----------
    Z : array (K, m) of finite scores
    Y : array (K, m) of one-hot labels: 0/1 entries, a single 1 in each column

    Returns
    -------
    float, >= 0.
    """
    Z, Y = _scores_and_labels(Z, Y)
    _, shifted, log_total = _softmax_parts(Z)
    # -ln a_true = ln sum_j e^{z_j - max} - (z_true - max); the true class is
    # selected rather than multiplied, so a -inf shift elsewhere never meets a 0.
    true_shifted = np.sum(shifted, axis=0, where=Y == 1)
    with np.errstate(over="ignore"):
        return _mean(log_total - true_shifted)


def softmax_cost_gradient(Z, Y):
    """Gradient of ``softmax_cost`` with respect to the scores.

    .. math:: dZ = \\frac{\\partial J}{\\partial Z} = \\frac{1}{m} (A - Y), \\qquad A = \\mathrm{softmax}(Z)

    Through the linear scores ``Z = W X + b`` this gives
    ``dW = dZ X^T`` (K, n_x) and ``db = dZ`` summed over its columns (K, 1).

    Parameters
    ----------
    Z : array (K, m) of finite scores
    Y : array (K, m) of one-hot labels

    Returns
    -------
    float64 array (K, m).
    """
    Z, Y = _scores_and_labels(Z, Y)
    dZ = _softmax_parts(Z)[0]
    dZ -= Y
    dZ /= Z.shape[1]
    return dZ


def _softmax_parts(Z):
    """``(softmax(Z), Z - max, ln sum exp(Z - max))`` for a checked array, column by column."""
    with np.errstate(over="ignore"):
        # Z - max is <= 0; it overflows (to -inf, silently) only where the true
        # softmax underflows to 0 anyway.
        shifted = Z - np.max(Z, axis=0, keepdims=True)
    A = np.exp(shifted)
    total = np.sum(A, axis=0, keepdims=True)  # >= 1: the maximum contributes e^0
    A /= total
    return A, shifted, np.log(total)[0]


def _scores(name, Z):
    Z = as_float_array(name, Z)
    require_matrix(name, Z, expected="(K, m), one example per column")
    require_nonempty(name, Z)
    if not np.isfinite(Z).all():
        raise ValueError(f"{name} must contain finite scores, found nan or inf")
    return Z


def _scores_and_labels(Z, Y):
    Z = _scores("Z", Z)
    Y = as_float_array("Y", Y)
    require_same_shape("Z", Z, "Y", Y)
    require_labels("Y", Y)
    sums = Y.sum(axis=0)
    if not (sums == 1).all():
        column = int(np.flatnonzero(sums != 1)[0])
        raise ValueError(
            f"Y must be one-hot, a single 1 in each column (one example per column); "
            f"column {column} has {int(sums[column])} ones"
        )
    return Z, Y


def softmax_jacobian(a):
    """The Jacobian of the softmax at one example: entry (j, k) is da_j / dz_k.

    .. math:: \\frac{\\partial a_j}{\\partial z_k} = a_j (\\delta_{jk} - a_k), \\qquad
              \\frac{\\partial a}{\\partial z} = \\operatorname{diag}(a) - a\\, a^\\top

    It is symmetric, and each of its columns sums to 0: raising one score
    moves probability between the classes, and the total stays 1.

    Parameters
    ----------
    a : array (K, 1), the softmax probabilities of one example (a column summing to 1)

    Returns
    -------
    float64 array (K, K), a new array.

    Exercise
    --------
    ``softmax_jacobian`` in chapter ``08_beyond_one_neuron``, graded by
    ``test_softmax_jacobian_values``, ``test_softmax_jacobian_slope`` and
    ``test_softmax_jacobian_shape``; its corpus is ``tests/corpus/08_beyond_one_neuron/softmax_jacobian/``.
    """
    a = as_float_array("a", a)
    require_matrix("a", a, cols=1, expected="(K, 1), the probabilities of one example")
    require_nonempty("a", a)
    if not ((a >= 0) & (a <= 1)).all() or abs(float(np.sum(a)) - 1.0) > 1e-9:
        raise ValueError(f"a must hold probabilities that sum to 1 (a softmax output), got the sum {float(np.sum(a))}")
    return np.diagflat(a) - a @ a.T
