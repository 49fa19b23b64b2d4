"""Input validation shared by the reference functions.

Every check raises ``ValueError`` naming the argument and the shape or values it
expected, so that a student who passes ``X`` with the wrong orientation reads
what went wrong instead of getting a silently broadcast answer.
"""

from numbers import Real

import numpy as np


def as_float_array(name, value):
    """``value`` as a float64 ndarray; an existing float64 array is not copied."""
    arr = np.asarray(value)
    if arr.dtype == bool or not (np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)):
        raise ValueError(f"{name} must be an array of real numbers, got dtype {arr.dtype}")
    return arr.astype(np.float64, copy=False)


def require_float64(name, value):
    """``value`` as an ndarray, refusing anything but float64.

    Finite differences subtract two nearly equal numbers. In float32 (about
    7 significant digits) a step of 1e-5 leaves about two correct digits, so a
    gradient check can no longer tell a right gradient from a wrong one.
    """
    arr = np.asarray(value)
    if arr.dtype == np.float64:
        return arr
    if np.issubdtype(arr.dtype, np.floating):
        raise ValueError(
            f"{name} has dtype {arr.dtype}; finite differences need float64. With about "
            f"{np.finfo(arr.dtype).precision} significant digits, (f(x+eps) - f(x-eps)) "
            "cancels most of them, and even a correct gradient shows a large relative "
            f"error. Convert with {name}.astype(np.float64)."
        )
    raise ValueError(
        f"{name} has dtype {arr.dtype}; finite differences perturb each entry by a tiny "
        f"eps, which needs a float64 array. Convert with np.asarray({name}, dtype=np.float64)."
    )


def as_scalar(name, value):
    """A real number (Python or numpy scalar, or a one-element array) as a float."""
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be a real number, got a bool")
    if isinstance(value, Real):
        return float(value)
    arr = np.asarray(value)
    if arr.size == 1 and (np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)):
        return float(arr.reshape(()))
    raise ValueError(f"{name} must be a real number (a scalar), got {_describe(value)}")


def require_matrix(name, arr, rows=None, cols=None, expected=None):
    """Check that ``arr`` is 2-D with the given number of rows and/or columns.

    ``expected`` is the shape as the message should spell it, e.g. ``"(n_x, m)"``.
    """
    expected = expected or f"({rows if rows is not None else 'rows'}, {cols if cols is not None else 'cols'})"
    if arr.ndim != 2:
        raise ValueError(f"{name} must be a 2-D array of shape {expected}, got shape {arr.shape}")
    if rows is not None and arr.shape[0] != rows:
        raise ValueError(f"{name} must have shape {expected}, got {arr.shape}")
    if cols is not None and arr.shape[1] != cols:
        raise ValueError(f"{name} must have shape {expected}, got {arr.shape}")


def require_labels(name, arr):
    """Check that every entry of ``arr`` is exactly 0 or 1."""
    if not ((arr == 0) | (arr == 1)).all():
        bad = arr[(arr != 0) & (arr != 1)].ravel()[:3]
        raise ValueError(f"{name} must contain only 0 and 1 labels, found {bad.tolist()}")


def require_probabilities(name, arr):
    """Check that every entry of ``arr`` lies in [0, 1]."""
    if not ((arr >= 0) & (arr <= 1)).all():
        bad = arr[~((arr >= 0) & (arr <= 1))].ravel()[:3]
        raise ValueError(f"{name} must contain probabilities in [0, 1], found {bad.tolist()}")


def require_same_shape(name_a, a, name_b, b):
    if a.shape != b.shape:
        raise ValueError(f"{name_a} and {name_b} must have the same shape, got {a.shape} and {b.shape}")


def require_nonempty(name, arr):
    if arr.size == 0:
        raise ValueError(f"{name} is empty; it needs at least one example")


def check_parameters(w, b, X, Y=None):
    """Validate the model's parameters and data; return them as float64 arrays and a float."""
    w = as_float_array("w", w)
    if w.ndim != 2 or w.shape[1] != 1:
        raise ValueError(f"w must be a column vector of shape (n_x, 1), got shape {w.shape}")
    n_x = w.shape[0]
    b = as_scalar("b", b)
    X = as_float_array("X", X)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D array of shape (n_x, m) = ({n_x}, m), got shape {X.shape}")
    if X.shape[0] != n_x:
        raise ValueError(
            f"X has {X.shape[0]} rows but w has {n_x}: expected X of shape ({n_x}, m), "
            f"one example per column, got {X.shape}"
        )
    require_nonempty("X", X)
    if Y is None:
        return w, b, X
    Y = as_float_array("Y", Y)
    m = X.shape[1]
    require_matrix("Y", Y, 1, m, expected=f"(1, m) = (1, {m})")
    require_labels("Y", Y)
    return w, b, X, Y


def _describe(value):
    shape = getattr(value, "shape", None)
    return f"{type(value).__name__} of shape {shape}" if shape is not None else repr(value)
