"""Chapter 5's steps on their own: dJ_dZ and dJ_dw_from_dZ against finite differences and propagate."""

import numpy as np
import pytest
from hypothesis import given

from chapterkit.gradcheck import assert_gradient_correct
from solutions import dJ_dw_from_dZ, dJ_dZ, propagate, sigmoid
from tests.conftest import problems


def mean_cost_of_scores(Z, Y):
    # Each term as one logaddexp: logaddexp(0, Z) - Z for y = 1 cancels to a tiny number for large Z,
    # and finite differences of that cancellation are noise.
    return float(np.mean(Y * np.logaddexp(0.0, -Z) + (1.0 - Y) * np.logaddexp(0.0, Z)))


@given(problems())
def test_dJ_dZ_is_the_gradient_of_the_cost_with_respect_to_the_scores(problem):
    w, b, X, Y = problem
    Z = w.T @ X + b
    result = dJ_dZ(sigmoid(Z), Y)
    assert result.shape == Z.shape and result.dtype == np.float64
    assert_gradient_correct(
        lambda z: mean_cost_of_scores(z.reshape(Z.shape), Y),
        lambda z: dJ_dZ(sigmoid(z.reshape(Z.shape)), Y).ravel(),
        Z.ravel(),
    )


@given(problems())
def test_dJ_dw_from_dZ_is_the_gradient_of_the_cost_with_respect_to_the_weights(problem):
    w, b, X, Y = problem

    def cost(theta):
        return mean_cost_of_scores(theta @ X + b, Y)

    def gradient(theta):
        return dJ_dw_from_dZ(X, sigmoid(theta.reshape(-1, 1).T @ X + b) - Y).ravel()

    assert_gradient_correct(cost, gradient, w.ravel())


@given(problems())
def test_the_two_steps_give_propagates_gradient(problem):
    w, b, X, Y = problem
    A = sigmoid(w.T @ X + b)
    grads, _ = propagate(w, b, X, Y)
    np.testing.assert_allclose(dJ_dw_from_dZ(X, A - Y), grads["dw"], rtol=1e-12, atol=1e-15)
    # dJ_dZ carries the 1/m: X (dJ/dZ)^T is dw with no further division.
    np.testing.assert_allclose(X @ dJ_dZ(A, Y).T, grads["dw"], rtol=1e-12, atol=1e-15)
    assert float(np.sum(dJ_dZ(A, Y))) == pytest.approx(grads["db"], rel=1e-12, abs=1e-15)


def test_the_steps_leave_their_inputs_alone_and_return_new_arrays():
    rng = np.random.default_rng(3)
    A, Y = rng.uniform(size=(1, 6)), (rng.random((1, 6)) < 0.5).astype(np.float64)
    X, dZ = rng.normal(size=(3, 6)), rng.uniform(-1, 1, size=(1, 6))
    saved = [a.copy() for a in (A, Y, X, dZ)]
    for out, inputs in [(dJ_dZ(A, Y), (A, Y)), (dJ_dw_from_dZ(X, dZ), (X, dZ))]:
        assert not any(np.shares_memory(out, a) for a in inputs)
    for before, after in zip(saved, (A, Y, X, dZ)):
        np.testing.assert_array_equal(before, after)


def test_known_values():
    A, Y = np.array([[0.9, 0.2, 0.6, 0.3, 0.5]]), np.array([[1.0, 0.0, 1.0, 0.0, 0.0]])
    np.testing.assert_allclose(dJ_dZ(A, Y), [[-0.02, 0.04, -0.08, 0.06, 0.1]], rtol=1e-15, atol=1e-17)
    X = np.array([[1.0, -2.0, 0.5, 3.0], [0.5, 1.5, -1.0, 2.0], [-1.0, 0.0, 2.0, 1.0]])
    dZ = np.array([[-0.5, 0.25, 0.75, -0.5]])
    np.testing.assert_allclose(dJ_dw_from_dZ(X, dZ), [[-0.53125], [-0.40625], [0.375]], rtol=1e-15)
    assert dJ_dZ([[1]], [[1]]).dtype == np.float64  # lists and integers are accepted


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: dJ_dZ(np.ones((2, 3)) / 2, np.ones((2, 3))), r"A must have shape \(1, m\)"),
        (lambda: dJ_dZ(np.full((1, 3), 0.5), np.ones((1, 4))), r"Y must have shape \(1, m\) = \(1, 3\)"),
        (lambda: dJ_dZ(np.full((1, 2), 1.5), np.ones((1, 2))), r"A must contain probabilities"),
        (lambda: dJ_dZ(np.full((1, 2), 0.5), np.full((1, 2), 0.5)), r"Y must contain only 0 and 1"),
        (lambda: dJ_dZ(np.zeros((1, 0)), np.zeros((1, 0))), r"A is empty"),
        (lambda: dJ_dw_from_dZ(np.ones((3, 4)), np.ones((4, 1))), r"dZ must have shape \(1, m\) = \(1, 4\)"),
        (lambda: dJ_dw_from_dZ(np.ones(4), np.ones((1, 4))), r"X must be a 2-D array"),
        (lambda: dJ_dw_from_dZ(np.ones((2, 2)), np.array([[np.nan, 0.0]])), r"finite"),
    ],
)
def test_bad_input_is_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()
