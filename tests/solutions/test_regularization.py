"""L2 regularization: propagate_l2 against finite differences, its closed form, and scikit-learn."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from chapterkit.gradcheck import assert_gradient_correct, pack, propagate_functions
from solutions import dR_dw, propagate, propagate_l2, sigmoid
from tests.conftest import problems

strengths = st.floats(0, 10, allow_nan=False, allow_infinity=False)


def l2(lambd):
    """propagate_l2 with lambd fixed, in propagate's signature."""
    return lambda w, b, X, Y: propagate_l2(w, b, X, Y, lambd)


# lambd >= 0.01: at lambd = 0 this is propagate's own check (and propagate_l2 returns
# propagate's result exactly, tested below). There, with |z| ~ 30, a - y ~ 1e-13 is computed
# as sigma(z) - 1 with a relative error ~1e-3, which a gradient check rightly flags; any
# penalty term dwarfs that round-off.
@given(problems(), st.floats(0.01, 10))
def test_propagate_l2_gradient_matches_finite_differences(problem, lambd):
    w, b, X, Y = problem
    cost_fn, grad_fn = propagate_functions(l2(lambd), X, Y)
    assert_gradient_correct(cost_fn, grad_fn, pack(w, b))


@given(problems(), strengths)
def test_propagate_l2_equals_its_closed_form(problem, lambd):
    w, b, X, Y = problem
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    Z = w.T @ X + b
    grads, cost = propagate_l2(w, b, X, Y, lambd)
    np.testing.assert_allclose(grads["dw"], X @ (A - Y).T / m + lambd / m * w, rtol=1e-12, atol=1e-14)
    assert grads["db"] == pytest.approx(np.sum(A - Y) / m, rel=1e-12, abs=1e-14)
    expected = np.mean(np.logaddexp(0, Z) - Y * Z) + lambd / (2 * m) * np.sum(w**2)
    assert cost == pytest.approx(expected, rel=1e-12, abs=1e-14)


@given(problems(), strengths)
def test_propagate_l2_is_propagate_plus_the_penalty_and_leaves_b_alone(problem, lambd):
    w, b, X, Y = problem
    m = X.shape[1]
    grads, cost = propagate(w, b, X, Y)
    grads_l2, cost_l2 = propagate_l2(w, b, X, Y, lambd)
    np.testing.assert_allclose(grads_l2["dw"] - grads["dw"], lambd / m * w, rtol=1e-9, atol=1e-12)
    # b is not penalized: its gradient is propagate's, whatever lambd.
    assert grads_l2["db"] == grads["db"]
    assert cost_l2 - cost == pytest.approx(lambd / (2 * m) * np.sum(w**2), rel=1e-9, abs=1e-12)


@given(problems())
def test_propagate_l2_with_lambd_zero_is_exactly_propagate(problem):
    grads, cost = propagate(*problem)
    for zero in (0, 0.0, np.float64(0.0), np.array([0.0])):
        grads_l2, cost_l2 = propagate_l2(*problem, zero)
        np.testing.assert_array_equal(grads_l2["dw"], grads["dw"])
        assert grads_l2["db"] == grads["db"] and cost_l2 == cost


@given(problems(), strengths)
def test_propagate_l2_returns_the_contract_types(problem, lambd):
    w, b, X, Y = problem
    grads, cost = propagate_l2(w, b, X, Y, lambd)
    assert set(grads) == {"dw", "db"}
    assert grads["dw"].shape == w.shape and grads["dw"].dtype == np.float64
    assert type(grads["db"]) is float and type(cost) is float


@given(problems(), strengths, st.floats(1e-3, 1.0))
def test_a_gradient_step_is_weight_decay(problem, lambd, alpha):
    # w - alpha dw_lambda = (1 - alpha lambda / m) w - alpha dw
    w, b, X, Y = problem
    m = X.shape[1]
    step = w - alpha * propagate_l2(w, b, X, Y, lambd)[0]["dw"]
    decay = (1 - alpha * lambd / m) * w - alpha * propagate(w, b, X, Y)[0]["dw"]
    np.testing.assert_allclose(step, decay, rtol=1e-12, atol=1e-12)


def test_propagate_l2_worked_example():
    # w = (1, -2), b = 0.5, X = I: z = (1.5, -1.5); lambd = 4, m = 2.
    w, X, Y = np.array([[1.0], [-2.0]]), np.eye(2), np.array([[1.0, 0.0]])
    grads, cost = propagate_l2(w, 0.5, X, Y, 4.0)
    a = sigmoid(1.5)
    assert cost == pytest.approx(np.log1p(np.exp(-1.5)) + 4 / 4 * 5, rel=1e-14)
    np.testing.assert_allclose(grads["dw"], [[(a - 1) / 2 + 2.0], [(1 - a) / 2 - 4.0]], rtol=1e-14)
    assert grads["db"] == pytest.approx(0.0, abs=1e-16)


def test_propagate_l2_leaves_its_inputs_alone(rng):
    w, X = rng.normal(size=(3, 1)), rng.normal(size=(3, 5))
    Y = (rng.random((1, 5)) > 0.5).astype(float)
    copies = w.copy(), X.copy(), Y.copy()
    propagate_l2(w, 0.5, X, Y, 2.0)
    for before, after in zip(copies, (w, X, Y)):
        np.testing.assert_array_equal(before, after)


def test_propagate_l2_is_silent_for_huge_weights():
    # ||w||^2 = 1e400 is beyond float64: the cost is honestly inf, without a warning.
    w = np.array([[1e200], [1.0]])
    X = np.array([[1e-200, 0.0], [1.0, 2.0]])
    grads, cost = propagate_l2(w, 0.0, X, np.array([[1.0, 0.0]]), 1.0)
    assert cost == np.inf
    assert np.isfinite(grads["dw"]).all() and grads["dw"][0, 0] == pytest.approx(0.5e200, rel=1e-14)
    # Large but representable: the scaled norm keeps the penalty finite and exact.
    grads, cost = propagate_l2(np.array([[1e150]]), 0.0, np.array([[1e-150]]), np.array([[1.0]]), 2.0)
    assert cost == pytest.approx(1e300, rel=1e-12)


@pytest.mark.parametrize(
    "lambd, message",
    [
        (-0.1, r"lambd \(the regularization strength lambda\) must be a finite number >= 0, got -0.1"),
        (np.nan, r"lambd .* must be a finite number >= 0, got nan"),
        (np.inf, r"lambd .* must be a finite number >= 0, got inf"),
        (np.ones(2), r"lambd must be a real number \(a scalar\), got ndarray of shape \(2,\)"),
        ("1", r"lambd must be a real number"),
        (True, r"lambd must be a real number, got a bool"),
    ],
)
def test_bad_lambd_is_named(lambd, message):
    with pytest.raises(ValueError, match=message):
        propagate_l2(np.zeros((2, 1)), 0.0, np.ones((2, 3)), np.array([[0.0, 1.0, 1.0]]), lambd)


def test_bad_data_is_named_as_in_propagate():
    with pytest.raises(ValueError, match=r"X has 3 rows but w has 2"):
        propagate_l2(np.zeros((2, 1)), 0.0, np.ones((3, 4)), np.zeros((1, 4)), 1.0)
    with pytest.raises(ValueError, match=r"Y must contain only 0 and 1 labels"):
        propagate_l2(np.zeros((2, 1)), 0.0, np.ones((2, 2)), np.array([[0.0, 2.0]]), 1.0)


@pytest.fixture(scope="module")
def cancer_train():
    features, labels = load_breast_cancer(return_X_y=True)
    x_train, _, y_train, _ = train_test_split(features, labels, test_size=0.25, random_state=0, stratify=labels)
    return StandardScaler().fit_transform(x_train).T, y_train.reshape(1, -1).astype(float)


@pytest.mark.parametrize("C", [0.01, 0.1, 1.0])
def test_gradient_vanishes_at_the_sklearn_l2_optimum(cancer_train, C):
    # sklearn minimizes C sum(loss) + ||w||^2 / 2 = (m / lambd) J_lambd with lambd = 1/C,
    # so its optimum is a stationary point of propagate_l2's cost.
    X, Y = cancer_train
    fitted = LogisticRegression(C=C, solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(X.T, Y.ravel())
    w_star, b_star = fitted.coef_.reshape(-1, 1), float(fitted.intercept_[0])
    grads, cost = propagate_l2(w_star, b_star, X, Y, 1 / C)
    np.testing.assert_allclose(grads["dw"], 0.0, atol=1e-13)
    assert grads["db"] == pytest.approx(0.0, abs=1e-13)
    # ... and a minimum: moving w or b either way raises the cost.
    for direction in np.eye(X.shape[0] + 1)[[0, 7, -1]]:
        for sign in (1, -1):
            dw, db = sign * 1e-3 * direction[:-1].reshape(-1, 1), sign * 1e-3 * direction[-1]
            assert propagate_l2(w_star + dw, b_star + db, X, Y, 1 / C)[1] > cost


# --- dR_dw, the penalty's gradient on its own ------------------------------------


@given(problems(), st.floats(0, 10), st.integers(1, 500))
def test_dR_dw_is_the_gradient_of_the_penalty(problem, lambd, m):
    w = problem[0]
    assert_gradient_correct(
        lambda theta: lambd / (2 * m) * float(np.sum(theta**2)),
        lambda theta: dR_dw(theta.reshape(-1, 1), lambd, m).ravel(),
        w.ravel() + 0.5,  # away from 0, where the penalty is flat
    )


@given(problems(), strengths)
def test_dR_dw_is_what_the_penalty_adds_to_propagates_gradient(problem, lambd):
    w, b, X, Y = problem
    before = w.copy()
    grads, _ = propagate(w, b, X, Y)
    grads_l2, _ = propagate_l2(w, b, X, Y, lambd)
    step = dR_dw(w, lambd, X.shape[1])
    np.testing.assert_allclose(grads["dw"] + step, grads_l2["dw"], rtol=1e-12, atol=1e-15)
    assert step.shape == w.shape and step.dtype == np.float64 and not np.shares_memory(step, w)
    np.testing.assert_array_equal(w, before)


@pytest.mark.parametrize(
    "args, message",
    [
        ((np.zeros(3), 1.0, 4), r"w must be a column vector of shape \(n_x, 1\)"),
        ((np.zeros((3, 1)), -1.0, 4), r"lambd .* must be a finite number >= 0"),
        ((np.zeros((3, 1)), 1.0, 0), r"m \(the number of examples\) must be an integer >= 1"),
        ((np.zeros((3, 1)), 1.0, 2.5), r"m \(the number of examples\) must be an integer >= 1"),
        ((np.zeros((3, 1)), 1.0, True), r"m \(the number of examples\) must be an integer >= 1"),
    ],
)
def test_dR_dw_names_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        dR_dw(*args)
