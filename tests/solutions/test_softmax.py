"""Softmax regression: values, stability, gradients, the K = 2 case, and scikit-learn."""

import mpmath
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.datasets import load_digits, load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.preprocessing import StandardScaler

from chapterkit.gradcheck import assert_gradient_correct
from solutions import cost_from_logits, sigmoid, softmax, softmax_cost, softmax_cost_gradient, softmax_jacobian

finite = st.floats(allow_nan=False, allow_infinity=False)
moderate = st.floats(-5, 5, allow_nan=False, allow_infinity=False)


@st.composite
def scores_and_labels(draw, elements=moderate, max_classes=5, max_examples=8):
    """(Z, Y): scores (K, m) and one-hot labels (K, m)."""
    K = draw(st.integers(1, max_classes))
    m = draw(st.integers(1, max_examples))
    Z = draw(hnp.arrays(np.float64, (K, m), elements=elements))
    classes = draw(hnp.arrays(np.int64, m, elements=st.integers(0, K - 1)))
    return Z, one_hot(classes, K)


def one_hot(classes, K):
    """(K, m) with Y[classes[i], i] = 1."""
    return np.eye(K)[:, np.asarray(classes)]


def exact_softmax(column):
    with mpmath.workdps(50):
        exps = [mpmath.exp(mpmath.mpf(float(z))) for z in column]
        total = mpmath.fsum(exps)
        return [float(e / total) for e in exps]


# --- softmax --------------------------------------------------------------------


@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2, max_side=6), elements=finite))
def test_softmax_columns_are_distributions_for_every_finite_input(Z):
    # Any finite scores, +-1e308 included: silent (warnings are errors here), exact sums.
    before = Z.copy()
    A = softmax(Z)
    assert A.shape == Z.shape and A.dtype == np.float64
    assert ((A >= 0) & (A <= 1)).all()
    np.testing.assert_allclose(A.sum(axis=0), 1.0, rtol=0, atol=8 * np.finfo(float).eps)
    np.testing.assert_array_equal(Z, before)


@given(hnp.arrays(np.float64, (4, 3), elements=st.floats(-700, 700)))
def test_softmax_matches_high_precision(Z):
    A = softmax(Z)
    for i in range(Z.shape[1]):
        np.testing.assert_allclose(A[:, i], exact_softmax(Z[:, i]), rtol=1e-12, atol=1e-300)


@given(scores_and_labels(), hnp.arrays(np.float64, 8, elements=st.floats(-1e3, 1e3)))
def test_softmax_ignores_a_shift_of_each_column(problem, shifts):
    # softmax(z + c) = softmax(z): the identity that lets us subtract the maximum.
    Z, _ = problem
    c = shifts[: Z.shape[1]].reshape(1, -1)
    np.testing.assert_allclose(softmax(Z + c), softmax(Z), rtol=1e-9, atol=1e-15)


@given(scores_and_labels())
def test_softmax_works_column_by_column(problem):
    Z, _ = problem
    A = softmax(Z)
    for i in range(Z.shape[1]):
        np.testing.assert_array_equal(A[:, [i]], softmax(Z[:, [i]]))


@given(st.floats(-700, 700), st.floats(-700, 700))
def test_two_class_softmax_is_the_sigmoid_of_the_score_difference(z1, z2):
    A = softmax(np.array([[z1], [z2]]))
    assert A[0, 0] == pytest.approx(sigmoid(z1 - z2), rel=1e-13, abs=1e-300)
    assert A[1, 0] == pytest.approx(sigmoid(z2 - z1), rel=1e-13, abs=1e-300)


@pytest.mark.parametrize(
    "column, expected",
    [
        ([1e308, -1e308], [1.0, 0.0]),  # the shift overflows to -inf, whose exp is exactly 0
        ([-1e308, -1e308], [0.5, 0.5]),
        ([1e308, 1e308, 1e308, 1e308], [0.25] * 4),
        ([1000.0, 0.0], [1.0, 0.0]),
        ([-1000.0, -999.0], [sigmoid(-1.0), sigmoid(1.0)]),
        ([0.0, -745.0 - 1], [1.0, 0.0]),
        ([7.0], [1.0]),
    ],
)
def test_softmax_exact_at_extremes(column, expected):
    np.testing.assert_allclose(softmax(np.array(column).reshape(-1, 1))[:, 0], expected, rtol=1e-15, atol=0)


def test_softmax_worked_example_and_integer_input():
    A = softmax(np.array([[0, 1], [0, 1], [0, 1]]))
    np.testing.assert_allclose(A, np.full((3, 2), 1 / 3), rtol=1e-15)
    e = np.exp([1.0, 2.0, 3.0])
    np.testing.assert_allclose(softmax(np.array([[1.0], [2.0], [3.0]]))[:, 0], e / e.sum(), rtol=1e-15)


# --- softmax_cost and its gradient ----------------------------------------------------


@given(scores_and_labels())
def test_softmax_cost_is_the_mean_cross_entropy(problem):
    Z, Y = problem
    expected = -np.sum(Y * np.log(softmax(Z))) / Z.shape[1]
    assert softmax_cost(Z, Y) == pytest.approx(expected, rel=1e-12, abs=1e-14)
    assert type(softmax_cost(Z, Y)) is float


@given(scores_and_labels(elements=st.floats(-1e300, 1e300)))
def test_softmax_cost_is_finite_silent_and_agrees_with_log_sum_exp(problem):
    Z, Y = problem
    # ln sum_j e^(z_j - z_true): exact where ln sum_j e^(z_j) - z_true would cancel.
    true_score = np.sum(Y * Z, axis=0)
    expected = np.mean(np.logaddexp.reduce(Z - true_score, axis=0))
    assert softmax_cost(Z, Y) == pytest.approx(expected, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize(
    "column, label, expected",
    [
        ([1e308, 0.0], 1, 1e308),  # ln softmax would be ln 0 = -inf
        ([1e308, 0.0], 0, 0.0),
        ([1000.0, 0.0, -1000.0], 2, 2000.0),
        ([0.0, 0.0, 0.0], 1, np.log(3)),
        ([5.0], 0, 0.0),
    ],
)
def test_softmax_cost_exact_at_extremes(column, label, expected):
    Z = np.array(column).reshape(-1, 1)
    assert softmax_cost(Z, one_hot([label], len(column))) == pytest.approx(expected, rel=1e-15, abs=0)


def test_softmax_cost_beyond_float64_is_inf_silently():
    # The loss is 2e308 here: not a float64, so inf, without a warning.
    assert softmax_cost(np.array([[1e308], [-1e308]]), np.array([[0.0], [1.0]])) == np.inf


@given(st.lists(st.tuples(st.floats(-50, 50), st.floats(-50, 50), st.sampled_from([0, 1])), min_size=1, max_size=8))
def test_two_class_softmax_cost_is_the_logistic_cost_of_the_score_difference(rows):
    # Logistic regression is softmax regression with K = 2 and z = z_1 - z_2, y = y_1.
    z1, z2, label = (np.array(column, dtype=float) for column in zip(*rows))
    Z = np.vstack([z1, z2])
    Y = np.vstack([label, 1 - label])
    assert softmax_cost(Z, Y) == pytest.approx(
        cost_from_logits((z1 - z2).reshape(1, -1), label.reshape(1, -1)), rel=1e-12, abs=1e-14
    )


@given(scores_and_labels())
def test_softmax_cost_gradient_matches_finite_differences(problem):
    Z, Y = problem
    assert_gradient_correct(
        lambda t: softmax_cost(t.reshape(Z.shape), Y),
        lambda t: softmax_cost_gradient(t.reshape(Z.shape), Y).reshape(-1),
        Z.reshape(-1),
    )


@given(scores_and_labels())
def test_softmax_cost_gradient_is_a_minus_y_over_m(problem):
    Z, Y = problem
    dZ = softmax_cost_gradient(Z, Y)
    assert dZ.shape == Z.shape and dZ.dtype == np.float64
    np.testing.assert_allclose(dZ, (softmax(Z) - Y) / Z.shape[1], rtol=1e-15, atol=1e-17)
    # Each column sums to 0: the probabilities and the labels both sum to 1.
    np.testing.assert_allclose(dZ.sum(axis=0), 0.0, atol=1e-15)


@given(scores_and_labels(max_classes=4, max_examples=6), st.integers(1, 4), st.randoms(use_true_random=False))
def test_weights_and_biases_get_dz_x_transposed_and_dz_summed(problem, n_x, random):
    # Through Z = W X + b: dW = dZ X^T and db = dZ summed over the examples.
    _, Y = problem
    K, m = Y.shape
    rng = np.random.default_rng(random.getrandbits(32))
    X = rng.normal(size=(n_x, m))
    theta = rng.normal(size=K * (n_x + 1))

    def unpack(t):
        return t[: K * n_x].reshape(K, n_x), t[K * n_x :].reshape(K, 1)

    def cost_fn(t):
        W, b = unpack(t)
        return softmax_cost(W @ X + b, Y)

    def grad_fn(t):
        W, b = unpack(t)
        dZ = softmax_cost_gradient(W @ X + b, Y)
        return np.concatenate([(dZ @ X.T).reshape(-1), dZ.sum(axis=1)])

    assert_gradient_correct(cost_fn, grad_fn, theta)


def test_softmax_leaves_its_inputs_alone(rng):
    Z = rng.normal(size=(3, 5))
    Y = one_hot(rng.integers(0, 3, size=5), 3)
    copies = Z.copy(), Y.copy()
    softmax(Z)
    softmax_cost(Z, Y)
    softmax_cost_gradient(Z, Y)
    np.testing.assert_array_equal(copies[0], Z)
    np.testing.assert_array_equal(copies[1], Y)


# --- scikit-learn as an outside oracle -------------------------------------------------


@pytest.mark.parametrize("loader", [load_iris, load_digits], ids=["iris", "digits"])
def test_softmax_cost_equals_sklearn_log_loss(loader):
    features, labels = loader(return_X_y=True)
    X = StandardScaler().fit_transform(features)
    fitted = LogisticRegression(C=0.05, max_iter=2000).fit(X, labels)
    Z = fitted.decision_function(X).T  # (K, m): the multinomial model's scores
    np.testing.assert_allclose(softmax(Z), fitted.predict_proba(X).T, rtol=1e-12, atol=1e-15)
    Y = one_hot(labels, Z.shape[0])
    assert softmax_cost(Z, Y) == pytest.approx(log_loss(labels, fitted.predict_proba(X)), rel=1e-12)


@pytest.mark.parametrize("C", [0.1, 1.0])
def test_gradient_vanishes_at_the_sklearn_multinomial_optimum(C):
    # sklearn minimizes C sum(loss) + ||W||_F^2 / 2 (biases not penalized), so at its
    # optimum dZ X^T + W / (C m) = 0 and each row of dZ sums to 0, with dZ = (A - Y) / m.
    features, labels = load_iris(return_X_y=True)
    X = StandardScaler().fit_transform(features).T
    m = X.shape[1]
    fitted = LogisticRegression(C=C, solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(X.T, labels)
    W, b = fitted.coef_, fitted.intercept_.reshape(-1, 1)
    dZ = softmax_cost_gradient(W @ X + b, one_hot(labels, 3))
    np.testing.assert_allclose(dZ @ X.T + W / (C * m), 0.0, atol=1e-12)
    np.testing.assert_allclose(dZ.sum(axis=1), 0.0, atol=1e-12)


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda: softmax(np.array([1.0, 2.0])),
            r"Z must be a 2-D array of shape \(K, m\), one example per column, got shape \(2,\)",
        ),
        (lambda: softmax(np.ones((2, 2, 2))), r"Z must be a 2-D array of shape \(K, m\)"),
        (lambda: softmax(np.ones((3, 0))), r"Z is empty"),
        (lambda: softmax(np.array([[np.nan], [0.0]])), r"Z must contain finite scores, found nan or inf"),
        (lambda: softmax(np.array([[np.inf], [0.0]])), r"Z must contain finite scores"),
        (lambda: softmax(np.array([["a"], ["b"]])), r"Z must be an array of real numbers"),
        (
            lambda: softmax_cost(np.zeros((3, 2)), np.eye(2)),
            r"Z and Y must have the same shape, got \(3, 2\) and \(2, 2\)",
        ),
        (
            lambda: softmax_cost(np.zeros((2, 2)), np.array([[1.0, 0.5], [0.0, 0.5]])),
            r"Y must contain only 0 and 1 labels",
        ),
        (
            lambda: softmax_cost(np.zeros((2, 2)), np.array([[1.0, 1.0], [0.0, 1.0]])),
            r"Y must be one-hot.*column 1 has 2 ones",
        ),
        (
            lambda: softmax_cost(np.zeros((2, 2)), np.array([[1.0, 0.0], [0.0, 0.0]])),
            r"Y must be one-hot.*column 1 has 0 ones",
        ),
        (lambda: softmax_cost(np.zeros((1, 3)), np.array([[0, 1, 2]])), r"Y must contain only 0 and 1"),
        (lambda: softmax_cost_gradient(np.zeros((2, 1)), np.array([[1.0], [1.0]])), r"Y must be one-hot"),
        (lambda: softmax_cost_gradient(np.zeros(2), np.array([1.0, 0.0])), r"Z must be a 2-D array"),
    ],
)
def test_bad_input_is_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# --- softmax_jacobian -------------------------------------------------------------


@given(hnp.arrays(np.float64, st.tuples(st.integers(1, 6), st.just(1)), elements=moderate))
def test_softmax_jacobian_row_j_is_the_gradient_of_a_j(z):
    a = softmax(z)
    before = a.copy()
    J = softmax_jacobian(a)
    assert J.shape == (z.shape[0], z.shape[0]) and J.dtype == np.float64
    for j in range(z.shape[0]):
        assert_gradient_correct(
            lambda t, j=j: float(softmax(t.reshape(-1, 1))[j, 0]), lambda t, j=j: J[j].copy(), z.ravel()
        )
    np.testing.assert_array_equal(a, before)


@given(hnp.arrays(np.float64, st.tuples(st.integers(1, 8), st.just(1)), elements=moderate))
def test_softmax_jacobian_is_symmetric_and_its_columns_sum_to_zero(z):
    J = softmax_jacobian(softmax(z))
    np.testing.assert_array_equal(J, J.T)
    np.testing.assert_allclose(J.sum(axis=0), 0.0, atol=4 * np.finfo(float).eps)


@given(scores_and_labels(max_examples=1))
def test_the_chain_rule_through_the_jacobian_gives_a_minus_y(problem):
    Z, Y = problem  # one example: dL/dz = J^T dL/da with dL/da = -y / a
    a = softmax(Z)
    np.testing.assert_allclose(softmax_jacobian(a).T @ (-Y / a), a - Y, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize(
    "a, message",
    [
        (np.array([0.5, 0.5]), r"a must be a 2-D array of shape \(K, 1\)"),
        (np.array([[0.5, 0.5]]), r"a must have shape \(K, 1\)"),
        (np.array([[0.5], [0.6]]), r"sum to 1"),
        (np.array([[1.5], [-0.5]]), r"sum to 1"),
    ],
)
def test_softmax_jacobian_names_bad_input(a, message):
    with pytest.raises(ValueError, match=message):
        softmax_jacobian(a)
