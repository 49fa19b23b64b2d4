"""Numerical gradient checking for tests and grading.

Thresholds, for the smooth costs of this course in float64 with ``eps = 1e-5``:

* a correct gradient gives a relative error of about 1e-9 or less
  (``CORRECT_BELOW = 1e-7`` leaves room for badly scaled data);
* between 1e-7 and 1e-5 the gradient is *suspicious*: still accepted, but a
  small systematic slip (a term of size 1e-6) would also land here;
* above ``FAIL_ABOVE = 1e-5`` the gradient is wrong,
* unless the two gradients differ by less than the round-off of the finite
  differences themselves, ``ROUNDOFF_FACTOR * u * |f(theta)| / eps`` per entry
  (u = 2**-53): where the true gradient is ~1e-39, central differences return
  0 and the relative error is 1, yet nothing is wrong.

A gradient check alone proves little: a cost that always returns 0 with a
gradient that is always 0 passes it perfectly. ``check_propagate`` therefore
also compares the cost and the gradient with the reference ``solutions``
package, and checks the candidate's gradient against finite differences of the
*reference* cost, not only of its own.
"""

from dataclasses import dataclass

import numpy as np

import solutions
from solutions._checks import require_float64
from solutions.numerical import numerical_gradient, relative_error

CORRECT_BELOW = 1e-7
FAIL_ABOVE = 1e-5
ROUNDOFF_FACTOR = 100  # evaluating a cost over m examples rounds more than once
UNIT_ROUNDOFF = np.finfo(np.float64).eps / 2
VALUE_RTOL = 1e-7  # the cost and gradient against the reference
VALUE_ATOL = 1e-10


@dataclass(frozen=True)
class GradientCheck:
    """The outcome of comparing an analytic gradient with central differences."""

    relative_error: float
    analytic: np.ndarray
    numerical: np.ndarray
    noise_floor: float = 0.0  # differences below this are round-off, not error

    @property
    def within_roundoff(self):
        return float(np.max(np.abs(self.analytic - self.numerical), initial=0.0)) <= self.noise_floor

    @property
    def passed(self):
        return self.relative_error <= FAIL_ABOVE or self.within_roundoff

    @property
    def verdict(self):
        if self.relative_error <= CORRECT_BELOW or self.within_roundoff:
            return "correct"
        return "suspicious" if self.passed else "wrong"

    def worst_component(self):
        """Flat index of the entry where the two gradients differ most."""
        return int(np.argmax(np.abs(self.analytic - self.numerical).reshape(-1)))

    def explain(self):
        i = self.worst_component()
        return (
            f"gradient check {self.verdict}: relative error {self.relative_error:.2e} "
            f"(correct <= {CORRECT_BELOW:g}, fails above {FAIL_ABOVE:g}); the largest "
            f"difference is at entry {i}: analytic {self.analytic.reshape(-1)[i]:.6g}, "
            f"finite differences {self.numerical.reshape(-1)[i]:.6g}"
        )


def check_gradient(cost_fn, grad_fn, theta, eps=1e-5):
    """Compare ``grad_fn(theta)`` with central differences of ``cost_fn`` at ``theta``.

    ``theta`` must be float64: in float32 the differences cancel most of the
    significant digits and a correct gradient can look wrong (and a wrong one
    right). The functions' results must be float64 for the same reason.
    """
    theta = require_float64("theta", theta)
    analytic = np.asarray(grad_fn(theta.copy()))
    if analytic.shape != theta.shape:
        raise ValueError(f"grad_fn(theta) must have the shape of theta, {theta.shape}, got {analytic.shape}")
    _require_float64_result("grad_fn(theta)", analytic)
    value = cost_fn(theta.copy())
    _require_float64_result("cost_fn(theta)", value)
    numerical = numerical_gradient(cost_fn, theta, eps)
    noise_floor = ROUNDOFF_FACTOR * UNIT_ROUNDOFF * abs(float(value)) / eps
    return GradientCheck(relative_error(analytic, numerical), analytic.astype(np.float64), numerical, noise_floor)


def assert_gradient_correct(cost_fn, grad_fn, theta, eps=1e-5):
    """``check_gradient``, raising AssertionError with an explanation when it fails."""
    result = check_gradient(cost_fn, grad_fn, theta, eps)
    if not result.passed:
        raise AssertionError(result.explain())
    return result


def pack(w, b):
    """theta = (w_1, ..., w_n, b) as one float64 vector."""
    return np.append(np.asarray(w, dtype=np.float64).reshape(-1), float(b))


def unpack(theta):
    """Inverse of ``pack``: w as a column (n_x, 1) and b as a float."""
    return theta[:-1].reshape(-1, 1), float(theta[-1])


def propagate_functions(propagate, X, Y):
    """``cost_fn(theta)`` and ``grad_fn(theta)`` of a ``propagate``, with theta = pack(w, b)."""

    def cost_fn(theta):
        w, b = unpack(theta)
        return propagate(w, b, X, Y)[1]

    def grad_fn(theta):
        w, b = unpack(theta)
        grads = propagate(w, b, X, Y)[0]
        return pack(grads["dw"], grads["db"])

    return cost_fn, grad_fn


@dataclass(frozen=True)
class PropagateCheck:
    """A candidate ``propagate`` judged three ways at one point."""

    cost_matches: bool
    gradient_matches: bool
    against_own_cost: GradientCheck
    against_reference_cost: GradientCheck

    @property
    def passed(self):
        return (
            self.cost_matches
            and self.gradient_matches
            and self.against_own_cost.passed
            and self.against_reference_cost.passed
        )


def check_propagate(candidate, w, b, X, Y, eps=1e-5):
    """Judge a candidate ``propagate`` at (w, b, X, Y) against the reference.

    * its cost equals the reference cost;
    * its gradient equals the reference gradient;
    * its gradient matches finite differences of its own cost and of the reference cost.
    """
    theta = pack(w, b)
    X, Y = np.array(X), np.array(Y)
    # The reference's answers first, on data of our own: nothing the candidate
    # does to its arguments (or to a shared array) can move the expectations.
    ref_cost, ref_grad = propagate_functions(solutions.propagate, X.copy(), Y.copy())
    expected_cost, g_reference = ref_cost(theta.copy()), ref_grad(theta.copy())
    own_cost, own_grad = propagate_functions(candidate, X.copy(), Y.copy())
    g_candidate = own_grad(theta.copy())
    return PropagateCheck(
        cost_matches=bool(np.isclose(own_cost(theta.copy()), expected_cost, rtol=VALUE_RTOL, atol=VALUE_ATOL)),
        gradient_matches=bool(
            g_candidate.shape == g_reference.shape
            and np.allclose(g_candidate, g_reference, rtol=VALUE_RTOL, atol=VALUE_ATOL)
        ),
        against_own_cost=check_gradient(own_cost, own_grad, theta.copy(), eps),
        against_reference_cost=check_gradient(ref_cost, own_grad, theta.copy(), eps),
    )


def _require_float64_result(name, value):
    dtype = np.asarray(value).dtype
    if np.issubdtype(dtype, np.floating) and dtype != np.float64:
        raise ValueError(
            f"{name} is {dtype}; compute in float64, or the finite differences it is "
            "compared with lose most of their significant digits"
        )
