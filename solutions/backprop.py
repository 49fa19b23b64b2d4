"""Forward and backward passes: one example by the chain rule, then all m at once."""

import numpy as np

from ._checks import as_scalar, check_parameters, require_labels
from .activation import exp_neg_abs, sigmoid
from .loss import mean_loss_from_logits


def backward_single(x, y, w, b):
    """Forward and backward pass for a single example, one chain-rule step at a time.

    Forward:  z = w^T x + b,  a = sigma(z),  L = -(y ln a + (1 - y) ln(1 - a))

    Backward:

    .. math::
        da = \\frac{\\partial L}{\\partial a} = -\\frac{y}{a} + \\frac{1 - y}{1 - a}, \\qquad
        dz = da \\cdot \\sigma'(z) = a - y, \\qquad
        dw = x\\,dz, \\qquad db = dz

    ``dz`` is computed as ``a - y`` directly: the product ``da * a * (1 - a)`` is
    the same number but becomes ``inf * 0`` once ``a`` rounds to 0 or 1.

    Parameters
    ----------
    x : array (n_x, 1), one example
    y : 0 or 1 (a scalar or a one-element array)
    w : array (n_x, 1)
    b : float

    Returns
    -------
    dict with floats ``z, a, da, dz, db`` and ``dw``, an array (n_x, 1).

    Exercise
    --------
    ``backward_single`` in chapter ``04_backprop_one_example``, graded by
    ``test_backward_single_forward``, ``test_backward_single_da_dz``,
    ``test_backward_single_dw_db`` and ``test_backward_single_gradient_check``; its
    corpus is ``tests/corpus/04_backprop_one_example/backward_single/``.
    """
    w, b, x = check_parameters(w, b, x)
    if x.shape[1] != 1:
        raise ValueError(f"x must be one example, a column of shape ({w.shape[0]}, 1), got {x.shape}")
    y = as_scalar("y", y)
    require_labels("y", np.asarray(y))
    Z = w.T @ x + b
    z = float(Z[0, 0])
    a = float(sigmoid(z))
    with np.errstate(divide="ignore"):
        # Only one term is alive for a 0/1 label; a rounded to 0 or 1 gives +-inf honestly.
        da = float(-1.0 / np.float64(a)) if y == 1 else float(1.0 / (1.0 - np.float64(a)))
    dz = float(output_error(Z, np.array([[y]]), exp_neg_abs(Z))[0, 0])  # a - y without cancellation
    return {"z": z, "a": a, "da": da, "dz": dz, "dw": x * dz, "db": dz}


def initialize_with_zeros(dim):
    """Parameters of a model with ``dim`` input features, all zero.

    Returns
    -------
    w : array (dim, 1) of zeros
    b : 0.0

    Exercise
    --------
    ``initialize_with_zeros`` in chapter ``05_vectorization``, graded by
    ``test_initialize_with_zeros_shape`` and ``test_initialize_with_zeros_values``; its
    corpus is ``tests/corpus/05_vectorization/initialize_with_zeros/``.
    """
    if isinstance(dim, (bool, np.bool_)) or not isinstance(dim, (int, np.integer)):
        raise ValueError(f"dim must be a positive integer (the number of features n_x), got {dim!r}")
    if dim < 1:
        raise ValueError(f"dim must be a positive integer (the number of features n_x), got {dim}")
    return np.zeros((int(dim), 1)), 0.0


def propagate(w, b, X, Y):
    """Cost and gradients over all m examples, vectorized.

    .. math::
        Z = w^T X + b, \\quad A = \\sigma(Z), \\quad
        J = \\frac{1}{m}\\sum_i \\mathcal{L}(a^{(i)}, y^{(i)}), \\quad
        dw = \\frac{1}{m} X (A - Y)^T, \\quad db = \\frac{1}{m} \\sum_i (a^{(i)} - y^{(i)})

    The cost is taken from the logits ``Z`` (see ``cost_from_logits``), so it
    stays finite even where ``A`` rounds to exactly 0 or 1.

    Parameters
    ----------
    w : array (n_x, 1)
    b : float
    X : array (n_x, m), one example per column
    Y : array (1, m) of 0/1 labels

    Returns
    -------
    grads : dict with ``dw``, an array (n_x, 1), and ``db``, a float
    cost : float

    Exercise
    --------
    ``propagate`` in chapter ``05_vectorization``, graded by ``test_propagate_shapes``,
    ``test_propagate_gradients``, ``test_propagate_cost``,
    ``test_propagate_gradient_check`` and ``test_propagate_inputs_unchanged``; its
    corpus is ``tests/corpus/05_vectorization/propagate/``.
    """
    w, b, X, Y = check_parameters(w, b, X, Y)
    m = X.shape[1]
    Z = w.T @ X
    Z += b
    if not np.isfinite(Z).all():
        # Any nan or inf in X (or w) reaches Z through the dot product, so this
        # small check stands in for a pass over all of X.
        raise ValueError("X and w must be finite: w^T X + b contains nan or inf")
    # The two products with X dominate; everything else works on (1, m) buffers
    # in place, and exp(-|Z|) is shared by dZ and the cost.
    e = exp_neg_abs(Z)
    dZ = output_error(Z, Y, e)
    dw = X @ dZ.T
    dw /= m
    db = float(np.mean(dZ))
    return {"dw": dw, "db": db}, mean_loss_from_logits(Z, Y, e)


def output_error(Z, Y, e):
    """``dZ = sigmoid(Z) - Y`` for 0/1 labels, to full relative precision; ``e = exp(-|Z|)``.

    Subtracting Y from a sigmoid that has rounded close to it leaves only its
    last digits (at z = 30, a - 1 = -9.4e-14 keeps 3 of them). With s = 1 - 2y,
    sigma(z) - y = s * sigma(s z) for both labels, and sigma(s z) is computed
    stably as exp(min(s z, 0)) / (1 + e), since |s z| = |z|.
    """
    s = 1.0 - 2.0 * Y
    dZ = Z * s
    np.minimum(dZ, 0.0, out=dZ)
    np.exp(dZ, out=dZ)
    dZ /= 1.0 + e
    dZ *= s
    return dZ


def propagate_loop(w, b, X, Y):
    """``propagate`` written as a Python loop over the m examples.

    Each pass of the loop is the single-example chain rule; the gradients are
    the averages of the per-example ones. Same results as ``propagate``, kept to
    show (and time) what vectorization saves.
    """
    w, b, X, Y = check_parameters(w, b, X, Y)
    m = X.shape[1]
    w_flat = w[:, 0]
    dw = np.zeros_like(w_flat)
    db = 0.0
    total = 0.0
    for i in range(m):
        x, y = X[:, i], Y[0, i]
        z = float(w_flat @ x) + b
        dz = float(sigmoid(z)) - y
        dw += x * dz
        db += dz
        total += max(z, 0.0) - y * z + np.log1p(np.exp(-abs(z)))
    return {"dw": (dw / m).reshape(-1, 1), "db": db / m}, float(total / m)


def forward(w, b, X):
    """Probabilities ``A = sigma(w^T X + b)``, an array (1, m)."""
    w, b, X = check_parameters(w, b, X)
    return sigmoid(w.T @ X + b)
