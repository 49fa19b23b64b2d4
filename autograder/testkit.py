"""Checks for the exercises' test cells. numpy only: this file is copied into every
chapter notebook, so the visible tests run in plain Jupyter or Colab.

Every check raises ``CheckFailed`` with one plain sentence saying what is wrong
and, when a known mistake explains the numbers, which one.
"""

import warnings
from contextlib import contextmanager

import numpy as np


class CheckFailed(AssertionError):
    """A test found a wrong answer; the message says what to look at."""


def call(function, *args, **kwargs):
    """Run a student's function with warnings silenced.

    A correct but naive sigmoid warns about overflow for large |z|; nbgrader
    counts anything on stderr as a failure, and a warning is not a wrong answer.
    """
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


@contextmanager
def replaced(**names):
    """Run the body with some of the notebook's names bound to other values, then restore them.

    Tests use it to judge one exercise alone: ``with replaced(propagate=stand_in):``
    makes the student's ``optimize`` call the stand-in instead of their own
    ``propagate``. Go through this function rather than ``globals()``: the
    grading engine runs student code in another process and implements it there.
    """
    notebook = globals()  # this file runs as a notebook cell, so these are the notebook's names
    missing = object()
    saved = {name: notebook.get(name, missing) for name in names}
    notebook.update(names)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is missing:
                notebook.pop(name, None)
            else:
                notebook[name] = value


def expect_shape(name, value, shape):
    actual = np.shape(value)
    if actual != tuple(shape):
        hint = ""
        if actual == tuple(reversed(shape)):
            hint = " It looks transposed."
        elif np.size(value) == int(np.prod(shape)):
            hint = " It has the right number of entries in the wrong shape; check your reshape or transpose."
        raise CheckFailed(f"{name} should have shape {tuple(shape)}, but it has shape {actual}.{hint}")


def expect_scalar(name, value):
    """A Python float or a numpy scalar (an array of one number is not)."""
    if isinstance(value, np.ndarray) or not np.isscalar(value) or isinstance(value, (bool, str)):
        raise CheckFailed(
            f"{name} should be a single number (a float), but it is {type(value).__name__}"
            + (f" of shape {np.shape(value)}" if isinstance(value, np.ndarray) else "")
            + ". Use float(...) or .item() to turn a one-element array into a number."
        )


def expect_close(name, got, expected, rtol=1e-7, atol=1e-10, mistakes=None):
    """``got`` equals ``expected`` to tolerance, or the failure names the closest known mistake.

    ``mistakes`` maps a one-sentence explanation to the value that mistake produces.
    """
    got_array = np.asarray(got, dtype=np.float64)
    expected_array = np.asarray(expected, dtype=np.float64)
    if got_array.shape == expected_array.shape and np.allclose(got_array, expected_array, rtol=rtol, atol=atol):
        return
    for explanation, wrong in (mistakes or {}).items():
        wrong_array = np.asarray(wrong, dtype=np.float64)
        if got_array.shape == wrong_array.shape and np.allclose(got_array, wrong_array, rtol=rtol, atol=atol):
            raise CheckFailed(f"{name} is not right. Likely mistake: {explanation}")
    if got_array.shape != expected_array.shape:
        expect_shape(name, got, expected_array.shape)
    if not np.all(np.isfinite(got_array)):
        raise CheckFailed(f"{name} contains nan or inf; look for a log of 0 or an exp that overflows.")
    raise CheckFailed(
        f"{name} has the right shape but the wrong values: expected {_show(expected_array)}, got {_show(got_array)}."
    )


def directional_check(cost_fn, grad_fn, theta, eps=1e-6, tol=1e-6, seed=0):
    """Compare a gradient with the change of the cost along a random direction d.

    For a correct gradient g, (J(theta + eps d) - J(theta - eps d)) / (2 eps) = g . d
    up to O(eps^2): one cheap test of every component at once.
    """
    theta = np.asarray(theta, dtype=np.float64)
    direction = np.random.default_rng(seed).standard_normal(theta.shape)
    gradient = np.asarray(call(grad_fn, theta.copy()), dtype=np.float64)
    expect_shape("the gradient", gradient, theta.shape)
    slope = (float(call(cost_fn, theta + eps * direction)) - float(call(cost_fn, theta - eps * direction))) / (2 * eps)
    predicted = float(np.sum(gradient * direction))
    if not np.isclose(predicted, slope, rtol=tol, atol=tol):
        raise CheckFailed(
            "The gradient does not match how the cost changes: along a random direction the cost "
            f"changes at rate {slope:.6g}, but your gradient predicts {predicted:.6g}."
        )


def _show(array):
    return np.array2string(array, precision=6, threshold=8, edgeitems=2)
