"""Bad input gets a ValueError naming the argument and the expected shape."""

import numpy as np
import pytest

import solutions as s

w2 = np.zeros((2, 1))
X2 = np.ones((2, 4))
Y4 = np.array([[0.0, 1.0, 1.0, 0.0]])


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: s.propagate(w2, 0.0, np.ones((3, 4)), Y4), r"X has 3 rows but w has 2: expected X of shape \(2, m\)"),
        (lambda: s.propagate(w2, 0.0, X2.T, Y4), r"X has 4 rows but w has 2"),
        (
            lambda: s.propagate(np.zeros(2), 0.0, X2, Y4),
            r"w must be a column vector of shape \(n_x, 1\), got shape \(2,\)",
        ),
        (
            lambda: s.propagate(np.zeros((1, 2)), 0.0, X2, Y4),
            r"w must be a column vector of shape \(n_x, 1\), got shape \(1, 2\)",
        ),
        (lambda: s.propagate(w2, 0.0, X2, Y4.T), r"Y must have shape \(1, m\) = \(1, 4\), got \(4, 1\)"),
        (lambda: s.propagate(w2, 0.0, X2, Y4.ravel()), r"Y must be a 2-D array of shape \(1, m\)"),
        (lambda: s.propagate(w2, 0.0, X2, Y4 * 2), r"Y must contain only 0 and 1 labels, found \[2.0"),
        (
            lambda: s.propagate(w2, np.ones(3), X2, Y4),
            r"b must be a real number \(a scalar\), got ndarray of shape \(3,\)",
        ),
        (lambda: s.propagate(w2, "0", X2, Y4), r"b must be a real number"),
        (lambda: s.propagate(w2, 0.0, np.ones((2, 0)), np.ones((1, 0))), r"X is empty"),
        (lambda: s.propagate(w2, 0.0, X2 * np.nan, Y4), r"must be finite"),
        (lambda: s.propagate(w2, 0.0, np.array([["a", "b"]] * 2), Y4[:, :2]), r"X must be an array of real numbers"),
        (lambda: s.cost(np.array([[0.5, 0.5]]), Y4), r"a and y must have the same shape, got \(1, 2\) and \(1, 4\)"),
        (
            lambda: s.cost(np.array([[1.5]]), np.array([[1.0]])),
            r"a must contain probabilities in \[0, 1\], found \[1.5\]",
        ),
        (lambda: s.cost(np.zeros((1, 0)), np.zeros((1, 0))), r"A is empty"),
        (lambda: s.cost_from_logits(np.zeros((1, 3)), Y4), r"Z and Y must have the same shape"),
        (lambda: s.loss(0.5, 0.3), r"y must contain only 0 and 1 labels"),
        (lambda: s.backward_single(X2, 1, w2, 0.0), r"x must be one example, a column of shape \(2, 1\), got \(2, 4\)"),
        (lambda: s.backward_single(np.ones((3, 1)), 1, w2, 0.0), r"X has 3 rows but w has 2"),
        (lambda: s.backward_single(np.ones((2, 1)), 0.5, w2, 0.0), r"y must contain only 0 and 1"),
        (lambda: s.initialize_with_zeros(0), r"dim must be a positive integer"),
        (lambda: s.initialize_with_zeros(2.0), r"dim must be a positive integer"),
        (lambda: s.initialize_with_zeros(True), r"dim must be a positive integer"),
        (lambda: s.optimize(w2, 0.0, X2, Y4, num_iterations=-1), r"num_iterations must be a non-negative integer"),
        (lambda: s.optimize(w2, 0.0, X2, Y4, learning_rate=0), r"learning_rate must be a positive number"),
        (lambda: s.predict(w2, 0.0, np.ones((3, 4))), r"X has 3 rows but w has 2"),
        (
            lambda: s.model(X2, Y4, np.ones((3, 2)), Y4[:, :2]),
            r"X_test must have shape \(n_x, m_test\) = \(2, m_test\)",
        ),
        (lambda: s.model(X2, Y4, X2, Y4[:, :2]), r"Y_test must have shape \(1, m_test\) = \(1, 4\)"),
        (lambda: s.model(X2, Y4[:, :3], X2, Y4), r"Y must have shape \(1, m\) = \(1, 4\), got \(1, 3\)"),
        (lambda: s.sigmoid(np.array(["x"])), r"z must be an array of real numbers"),
        (lambda: s.sigmoid_derivative(np.array([1 + 2j])), r"z must be an array of real numbers"),
        (lambda: s.dsigma_du(np.array([1.0, 0.0])), r"u must be finite and nonzero"),
        (lambda: s.du_dz(np.array(["x"])), r"z must be an array of real numbers"),
        (lambda: s.dL_dz(np.zeros(2), np.zeros(3)), r"z and y must have the same shape, got \(2,\) and \(3,\)"),
        (lambda: s.dL_dz(0.0, 0.5), r"y must contain only 0 and 1 labels, found \[0.5\]"),
        (lambda: s.dlogc_da(np.array([0.5, 0.0]), 2.0), r"a must contain predictions in \(0, 1\], found \[0.0\]"),
        (lambda: s.dlogc_da(0.5, 1.0), r"c must be a base > 0 other than 1, got 1.0"),
        (lambda: s.dlogc_da(0.5, np.ones(2)), r"c must be a real number \(a scalar\)"),
        (lambda: s.dL_da(1.0, 1.0), r"a must contain predictions strictly between 0 and 1, found \[1.0\]"),
        (lambda: s.dL_dw(np.ones(3), 0.5, 1), r"x must be one example, a column of shape \(n_x, 1\), got shape \(3,\)"),
        (lambda: s.dL_dw(np.ones((3, 1)), 1.5, 1), r"a must be a probability in \[0, 1\], got 1.5"),
        (lambda: s.dL_dw(np.ones((3, 1)), 0.5, 2), r"y must contain only 0 and 1 labels"),
    ],
)
def test_bad_input_is_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()
