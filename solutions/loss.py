"""The cross-entropy loss, its mean over examples, and the stable form from logits."""

import numpy as np

from ._checks import (
    as_float_array,
    require_labels,
    require_nonempty,
    require_probabilities,
    require_same_shape,
)
from .activation import exp_neg_abs


def loss(a, y):
    """Cross-entropy of one prediction per entry, elementwise.

    .. math:: \\mathcal{L}(a, y) = -\\big(y \\ln a + (1 - y) \\ln(1 - a)\\big)

    With ``y`` in {0, 1} only one term is alive, so the loss is ``-ln a`` for
    ``y = 1`` and ``-ln(1 - a)`` for ``y = 0``; a confident wrong prediction
    (``a = 0`` with ``y = 1``) has infinite loss, and that is returned as ``inf``.

    Parameters
    ----------
    a : scalar or array of probabilities in [0, 1]
    y : scalar or array of 0/1 labels, the same shape as ``a``

    Returns
    -------
    float64 scalar or array of the same shape, >= 0.

    Exercise
    --------
    ``loss`` in chapter ``03_cross_entropy``, graded by ``test_loss_values``,
    ``test_loss_shapes``, ``test_loss_certain`` and ``test_loss_going_further``; its
    corpus is ``tests/corpus/03_cross_entropy/loss/``.
    """
    a = as_float_array("a", a)
    y = as_float_array("y", y)
    require_same_shape("a", a, "y", y)
    require_probabilities("a", a)
    require_labels("y", y)
    with np.errstate(divide="ignore"):
        out = -np.where(y == 1, np.log(a), np.log1p(-a))
    return out[()] if out.ndim == 0 else out


def cost(A, Y):
    """Mean cross-entropy over all examples.

    .. math:: J = \\frac{1}{m} \\sum_{i=1}^{m} \\mathcal{L}(a^{(i)}, y^{(i)})

    Parameters
    ----------
    A : array (1, m) of predicted probabilities
    Y : array (1, m) of 0/1 labels

    Returns
    -------
    float

    Exercise
    --------
    ``cost`` in chapter ``03_cross_entropy``, graded by ``test_cost_values``,
    ``test_cost_scalar`` and ``test_cost_mean``; its corpus is
    ``tests/corpus/03_cross_entropy/cost/``.
    """
    A = as_float_array("A", A)
    require_nonempty("A", A)
    return _mean(loss(A, Y))


def cost_from_logits(Z, Y):
    """Mean cross-entropy computed from the logits ``Z = w^T X + b``.

    .. math:: \\mathcal{L} = \\ln(1 + e^{z}) - y z = \\max(z, 0) - y z + \\ln(1 + e^{-|z|})

    The log-sum-exp form never exponentiates a positive number, so it neither
    overflows nor takes ``ln 0``: it is finite for every finite ``Z``, where
    ``cost(sigmoid(Z), Y)`` is ``inf`` once ``sigmoid`` rounds to exactly 0 or 1.

    Parameters
    ----------
    Z : array (1, m) of logits
    Y : array (1, m) of 0/1 labels

    Returns
    -------
    float
    """
    Z = as_float_array("Z", Z)
    Y = as_float_array("Y", Y)
    require_same_shape("Z", Z, "Y", Y)
    require_nonempty("Z", Z)
    require_labels("Y", Y)
    return mean_loss_from_logits(Z, Y, exp_neg_abs(Z))


def mean_loss_from_logits(Z, Y, e):
    """``cost_from_logits`` for checked arrays, given ``e = exp(-|Z|)``, which it overwrites."""
    per_example = np.maximum(Z, 0.0)
    per_example -= Z * Y
    per_example += np.log1p(e, out=e)
    return _mean(per_example)


def _mean(values):
    """Mean that stays finite when the sum of huge finite values would overflow."""
    with np.errstate(over="ignore"):
        mean = float(np.mean(values))
    if np.isinf(mean) and np.isfinite(values).all():
        scale = float(np.max(values))
        mean = scale * float(np.mean(values / scale))
    return mean
