"""scikit-learn as an outside oracle, on its bundled breast-cancer data (standardized)."""

import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from solutions import cost, forward, model, propagate


@pytest.fixture(scope="module")
def cancer():
    features, labels = load_breast_cancer(return_X_y=True)
    x_train, x_test, y_train, y_test = train_test_split(
        features, labels, test_size=0.25, random_state=0, stratify=labels
    )
    scaler = StandardScaler().fit(x_train)
    # The course's convention: one example per column.
    return (
        scaler.transform(x_train).T,
        y_train.reshape(1, -1).astype(float),
        scaler.transform(x_test).T,
        y_test.reshape(1, -1).astype(float),
    )


def test_cost_equals_sklearn_log_loss(cancer):
    X, Y = cancer[0], cancer[1]
    w = np.random.default_rng(1).normal(scale=0.1, size=(X.shape[0], 1))
    A = forward(w, 0.2, X)
    assert cost(A, Y) == pytest.approx(log_loss(Y.ravel(), A.ravel()), rel=1e-12)
    assert propagate(w, 0.2, X, Y)[1] == pytest.approx(log_loss(Y.ravel(), A.ravel()), rel=1e-12)


@pytest.mark.parametrize("C", [0.1, 1.0])
def test_gradient_at_sklearn_l2_optimum_is_the_regularizer_gradient(cancer, C):
    # sklearn minimizes C * sum(loss) + ||w||^2 / 2, so at its optimum
    # X (A - Y)^T / m = -w* / (C m) and mean(A - Y) = 0 (the intercept is not penalized).
    X, Y = cancer[0], cancer[1]
    m = X.shape[1]
    # Newton's method converges quadratically, so its optimum is exact to rounding.
    fitted = LogisticRegression(C=C, solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(X.T, Y.ravel())
    w_star = fitted.coef_.reshape(-1, 1)
    grads, _ = propagate(w_star, float(fitted.intercept_[0]), X, Y)
    np.testing.assert_allclose(grads["dw"], -w_star / (C * m), rtol=1e-9, atol=1e-14)
    assert grads["db"] == pytest.approx(0.0, abs=1e-14)


def test_model_reaches_95_percent_test_accuracy(cancer):
    X_train, Y_train, X_test, Y_test = cancer
    d = model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5)
    assert np.mean(d["Y_prediction_test"] == Y_test) >= 0.95
