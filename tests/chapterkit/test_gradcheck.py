"""chapterkit.gradcheck: thresholds, float64 only, and checks that compare values too."""

import numpy as np
import pytest
from hypothesis import assume, given

from chapterkit import gradcheck
from solutions import propagate
from tests.conftest import problems


def cost(t):
    return float(np.sum(np.log1p(np.exp(t))) + 0.5 * t @ t)


def grad(t):
    return 1 / (1 + np.exp(-t)) + t


def test_a_correct_gradient_is_about_1e_9_or_less():
    result = gradcheck.check_gradient(cost, grad, np.array([0.5, -1.5, 2.5]))
    assert result.relative_error < 1e-9
    assert result.verdict == "correct" and result.passed


def test_a_small_systematic_slip_is_suspicious_and_a_real_one_fails():
    theta = np.array([0.5, -1.5, 2.5])
    slight = gradcheck.check_gradient(cost, lambda t: grad(t) * (1 + 2e-6), theta)
    assert slight.verdict == "suspicious" and slight.passed
    wrong = gradcheck.check_gradient(cost, lambda t: grad(t) * 1.001, theta)
    assert wrong.verdict == "wrong" and not wrong.passed
    with pytest.raises(AssertionError, match="relative error .* largest difference is at entry"):
        gradcheck.assert_gradient_correct(cost, lambda t: grad(t) * 1.001, theta)


def test_differences_below_the_roundoff_of_finite_differences_are_not_errors():
    # The true gradient is 1e-39; central differences cannot see it and return 0.
    result = gradcheck.check_gradient(lambda t: 0.5 + 1e-39 * t[0], lambda t: np.array([1e-39]), np.array([0.0]))
    assert result.relative_error == 1.0
    assert result.within_roundoff and result.passed and result.verdict == "correct"


def test_the_roundoff_allowance_does_not_excuse_a_visible_error():
    result = gradcheck.check_gradient(lambda t: 0.5 + 1e-3 * t[0], lambda t: np.array([2e-3]), np.array([0.0]))
    assert not result.within_roundoff and not result.passed


def test_the_explanation_points_at_the_wrong_component():
    theta = np.array([0.5, -1.5, 2.5])
    result = gradcheck.check_gradient(cost, lambda t: grad(t) + np.array([0, 0.5, 0]), theta)
    assert result.worst_component() == 1


def test_float32_is_rejected_saying_why():
    with pytest.raises(ValueError, match="float32.*float64"):
        gradcheck.check_gradient(cost, grad, np.array([0.5, 1.0], dtype=np.float32))


def test_float32_results_are_rejected_too():
    theta = np.array([0.5, 1.0])
    with pytest.raises(ValueError, match=r"grad_fn\(theta\) is float32"):
        gradcheck.check_gradient(cost, lambda t: grad(t).astype(np.float32), theta)
    with pytest.raises(ValueError, match=r"cost_fn\(theta\) is float32"):
        gradcheck.check_gradient(lambda t: np.float32(cost(t)), grad, theta)


def test_pack_and_unpack_are_inverse():
    w, b = np.array([[1.0], [2.0]]), 3.0
    w2, b2 = gradcheck.unpack(gradcheck.pack(w, b))
    np.testing.assert_array_equal(w2, w)
    assert b2 == b


def constant_propagate(w, b, X, Y):
    """A cost that is always 0 with a gradient that is always 0."""
    return {"dw": np.zeros_like(w), "db": 0.0}, 0.0


@given(problems())
def test_a_gradient_check_alone_is_fooled_but_check_propagate_is_not(problem):
    w, b, X, Y = problem
    assume(propagate(w, b, X, Y)[1] > 1e-6)  # where the true cost is 0, the constant one is right
    cost_fn, grad_fn = gradcheck.propagate_functions(constant_propagate, X, Y)
    assert gradcheck.check_gradient(cost_fn, grad_fn, gradcheck.pack(w, b)).relative_error == 0.0
    verdict = gradcheck.check_propagate(constant_propagate, w, b, X, Y)
    assert not verdict.cost_matches and not verdict.passed


def test_check_propagate_catches_a_gradient_consistent_with_a_wrong_cost(rng):
    # Twice the cost with twice the gradient agrees with itself but not with the reference.
    def doubled(w, b, X, Y):
        grads, c = propagate(w, b, X, Y)
        return {"dw": 2 * grads["dw"], "db": 2 * grads["db"]}, 2 * c

    X, Y = rng.normal(size=(3, 8)), (rng.random((1, 8)) > 0.5).astype(float)
    verdict = gradcheck.check_propagate(doubled, rng.normal(size=(3, 1)), 0.1, X, Y)
    assert verdict.against_own_cost.passed
    assert not verdict.against_reference_cost.passed
    assert not verdict.passed


def test_a_candidate_that_rewrites_its_inputs_cannot_move_the_expectations(rng):
    # It zeroes the data it was given, then answers for the zeroed data: right only if
    # the reference were computed afterwards, on the same arrays.
    def rewriting(w, b, X, Y):
        X[...] = 0.0
        Y[...] = 1.0
        return propagate(w, b, X, Y)

    X, Y = rng.normal(size=(3, 8)), (rng.random((1, 8)) > 0.5).astype(float)
    X[:, 0] = 1.0  # the true cost differs from the cost on zeroed data
    Y[0, 0] = 0.0
    kept = X.copy(), Y.copy()
    verdict = gradcheck.check_propagate(rewriting, rng.normal(size=(3, 1)), 0.1, X, Y)
    assert not verdict.cost_matches and not verdict.passed
    assert np.array_equal(X, kept[0]) and np.array_equal(Y, kept[1]), "the caller's arrays are untouched"
