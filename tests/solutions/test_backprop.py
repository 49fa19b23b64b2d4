import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from chapterkit.gradcheck import assert_gradient_correct, check_propagate, pack, propagate_functions
from solutions import backward_single, initialize_with_zeros, loss, propagate, propagate_loop, sigmoid
from tests.conftest import problems


@given(problems())
def test_propagate_gradient_matches_finite_differences(problem):
    w, b, X, Y = problem
    cost_fn, grad_fn = propagate_functions(propagate, X, Y)
    assert_gradient_correct(cost_fn, grad_fn, pack(w, b))


@given(problems())
def test_propagate_returns_the_contract_types(problem):
    w, b, X, Y = problem
    grads, cost = propagate(w, b, X, Y)
    assert set(grads) == {"dw", "db"}
    assert grads["dw"].shape == w.shape and grads["dw"].dtype == np.float64
    assert type(grads["db"]) is float and type(cost) is float


@given(problems())
def test_propagate_equals_its_closed_form(problem):
    w, b, X, Y = problem
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    grads, cost = propagate(w, b, X, Y)
    np.testing.assert_allclose(grads["dw"], X @ (A - Y).T / m, rtol=1e-12, atol=1e-14)
    assert grads["db"] == pytest.approx(np.sum(A - Y) / m, rel=1e-12, abs=1e-14)
    # ln(1 + e^z) - y z, by numpy's own stable log-add-exp rather than loss(A, Y),
    # which loses digits once A is within rounding of 0 or 1.
    Z = w.T @ X + b
    assert cost == pytest.approx(np.mean(np.logaddexp(0, Z) - Y * Z), rel=1e-12, abs=1e-14)


@given(problems())
def test_reference_passes_its_own_full_check(problem):
    assert check_propagate(propagate, *problem).passed


@given(problems())
def test_chain_rule_per_example_averages_to_the_vectorized_gradient(problem):
    w, b, X, Y = problem
    m = X.shape[1]
    singles = [backward_single(X[:, [i]], Y[0, i], w, b) for i in range(m)]
    grads, _ = propagate(w, b, X, Y)
    np.testing.assert_allclose(sum(s["dw"] for s in singles) / m, grads["dw"], rtol=1e-12, atol=1e-14)
    assert sum(s["db"] for s in singles) / m == pytest.approx(grads["db"], rel=1e-12, abs=1e-14)


@given(problems(max_examples=1))
def test_backward_single_is_propagate_with_one_example(problem):
    w, b, x, y = problem
    single = backward_single(x, y[0, 0], w, b)
    grads, cost = propagate(w, b, x, y)
    np.testing.assert_allclose(single["dw"], grads["dw"], rtol=1e-14, atol=1e-300)
    assert single["db"] == pytest.approx(grads["db"], rel=1e-14)
    assert single["z"] == pytest.approx((w.T @ x).item() + b, rel=1e-14, abs=1e-14)
    assert single["a"] == pytest.approx(sigmoid(single["z"]), rel=1e-15)


# Near a = 0 or 1 the loss curves so sharply that the O(eps^2) truncation error
# of central differences is itself above 1e-5; |z| <= 5 keeps a inside [0.007, 0.993].
@given(st.floats(-5, 5), st.sampled_from([0.0, 1.0]))
def test_each_chain_rule_factor_is_a_true_derivative(z, y):
    # One feature, w = 1, b = 0, so z is x itself and every intermediate is a scalar.
    step = backward_single(np.array([[z]]), y, np.array([[1.0]]), 0.0)
    a = np.array([step["a"]])
    assert_gradient_correct(lambda t: float(loss(t[0], y)), lambda t: np.array([step["da"]]), a)
    assert_gradient_correct(lambda t: float(loss(sigmoid(t[0]), y)), lambda t: np.array([step["dz"]]), np.array([z]))
    assert step["dz"] == pytest.approx(step["da"] * step["a"] * (1 - step["a"]), rel=1e-9, abs=1e-15)
    # a - y itself loses digits to cancellation when a is near y; dz does not.
    assert step["dz"] == pytest.approx(step["a"] - y, rel=1e-12)


def test_backward_single_intermediates_for_a_worked_example():
    x, w, b = np.array([[1.0], [2.0]]), np.array([[0.5], [-0.25]]), 0.1
    step = backward_single(x, 1, w, b)
    a = 1 / (1 + np.exp(-0.1))
    assert step["z"] == pytest.approx(0.1, rel=1e-15)
    assert step["a"] == pytest.approx(a, rel=1e-15)
    assert step["da"] == pytest.approx(-1 / a, rel=1e-15)
    assert step["dz"] == pytest.approx(a - 1, rel=1e-15)
    np.testing.assert_allclose(step["dw"], x * (a - 1), rtol=1e-15)
    assert step["db"] == step["dz"]


def test_initialize_with_zeros():
    w, b = initialize_with_zeros(4)
    assert w.shape == (4, 1) and w.dtype == np.float64 and not w.any()
    assert b == 0.0 and type(b) is float
    assert initialize_with_zeros(np.int64(2))[0].shape == (2, 1)


def test_propagate_leaves_its_inputs_alone(rng):
    w, X = rng.normal(size=(3, 1)), rng.normal(size=(3, 5))
    Y = (rng.random((1, 5)) > 0.5).astype(float)
    copies = w.copy(), X.copy(), Y.copy()
    propagate(w, 0.5, X, Y)
    for before, after in zip(copies, (w, X, Y)):
        np.testing.assert_array_equal(before, after)


def test_propagate_accepts_a_numpy_scalar_bias_and_integer_data():
    grads, cost = propagate(np.zeros((2, 1)), np.float64(0.0), np.array([[1, 2], [3, 4]]), np.array([[1, 0]]))
    assert cost == pytest.approx(np.log(2), rel=1e-15)
    # A - Y = [-0.5, 0.5], so dw = X (A - Y)^T / 2 = [(-1 + 2) / 4, (-3 + 4) / 4]
    np.testing.assert_allclose(grads["dw"], [[0.25], [0.25]], rtol=1e-15)


def test_propagate_is_finite_where_probabilities_round_to_zero_or_one():
    grads, cost = propagate(np.array([[1.0]]), 0.0, np.array([[800.0, -800.0]]), np.array([[0.0, 1.0]]))
    assert cost == pytest.approx(800.0, rel=1e-15)
    assert grads["db"] == pytest.approx(0.0, abs=0)


@given(problems())
def test_the_loop_over_examples_gives_the_vectorized_results(problem):
    grads, cost = propagate(*problem)
    loop_grads, loop_cost = propagate_loop(*problem)
    np.testing.assert_allclose(loop_grads["dw"], grads["dw"], rtol=1e-12, atol=1e-14)
    assert loop_grads["db"] == pytest.approx(grads["db"], rel=1e-12, abs=1e-14)
    assert loop_cost == pytest.approx(cost, rel=1e-12, abs=1e-14)
