import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from chapterkit.gradcheck import assert_gradient_correct
from solutions import cost, cost_from_logits, loss, sigmoid

labels = st.sampled_from([0.0, 1.0])


def test_loss_of_each_label_is_one_log_term():
    assert loss(0.8, 1) == pytest.approx(-math.log(0.8), rel=1e-15)
    assert loss(0.8, 0) == pytest.approx(-math.log(0.2), rel=1e-14)
    assert loss(0.5, 1) == loss(0.5, 0) == pytest.approx(math.log(2), rel=1e-15)


def test_loss_of_perfect_and_hopeless_predictions():
    np.testing.assert_array_equal(loss(np.array([1.0, 0.0]), np.array([1.0, 0.0])), [0.0, 0.0])
    np.testing.assert_array_equal(loss(np.array([0.0, 1.0]), np.array([1.0, 0.0])), [np.inf, np.inf])


def test_cost_is_the_mean_loss():
    A = np.array([[0.9, 0.2, 0.6]])
    Y = np.array([[1, 0, 0]])
    expected = -(math.log(0.9) + math.log(0.8) + math.log(0.4)) / 3
    assert cost(A, Y) == pytest.approx(expected, rel=1e-15)
    assert isinstance(cost(A, Y), float)


# Beyond |z| ~ 10 the naive form itself loses digits (1 - sigma(z) cancels), so the
# agreement is checked where both are accurate, and numpy's logaddexp covers the rest.
@given(hnp.arrays(np.float64, (1, 7), elements=st.floats(-10, 10)), hnp.arrays(np.float64, (1, 7), elements=labels))
def test_cost_from_logits_agrees_with_cost_of_sigmoid(Z, Y):
    assert cost_from_logits(Z, Y) == pytest.approx(cost(sigmoid(Z), Y), rel=1e-10, abs=1e-15)


@given(hnp.arrays(np.float64, (1, 7), elements=st.floats(-700, 700)), hnp.arrays(np.float64, (1, 7), elements=labels))
def test_cost_from_logits_agrees_with_numpy_logaddexp(Z, Y):
    assert cost_from_logits(Z, Y) == pytest.approx(np.mean(np.logaddexp(0, Z) - Y * Z), rel=1e-12, abs=1e-15)


@pytest.mark.parametrize(
    "z, y, expected",
    [
        (1e308, 0.0, 1e308),  # ln(1 + e^z) ~ z: the naive form gives inf
        (-1e308, 1.0, 1e308),
        (1e308, 1.0, 0.0),
        (-1e308, 0.0, 0.0),
        (1e3, 0.0, 1e3),
        (-1e3, 1.0, 1e3),
        (0.0, 1.0, math.log(2)),
    ],
)
def test_cost_from_logits_exact_at_extremes(z, y, expected):
    assert cost_from_logits(np.array([[z]]), np.array([[y]])) == pytest.approx(expected, rel=1e-15)


def test_cost_from_logits_mean_of_huge_losses_stays_finite():
    Z = np.full((1, 4), 1e308)
    assert cost_from_logits(Z, np.zeros((1, 4))) == pytest.approx(1e308, rel=1e-15)


@given(
    hnp.arrays(np.float64, (1, 5), elements=st.floats(allow_nan=False, allow_infinity=False)),
    hnp.arrays(np.float64, (1, 5), elements=labels),
)
def test_cost_from_logits_is_finite_for_every_finite_z(Z, Y):
    assert math.isfinite(cost_from_logits(Z, Y))


@given(hnp.arrays(np.float64, (1, 6), elements=st.floats(-20, 20)), hnp.arrays(np.float64, (1, 6), elements=labels))
def test_gradient_of_cost_wrt_logits_is_a_minus_y_over_m(Z, Y):
    m = Z.shape[1]
    assert_gradient_correct(lambda z: cost_from_logits(z, Y), lambda z: (sigmoid(z) - Y) / m, Z)


def test_inputs_are_left_alone():
    A, Y, Z = np.array([[0.3, 0.7]]), np.array([[1.0, 0.0]]), np.array([[-2.0, 3.0]])
    copies = [A.copy(), Y.copy(), Z.copy()]
    loss(A, Y), cost(A, Y), cost_from_logits(Z, Y)
    for before, after in zip(copies, [A, Y, Z]):
        np.testing.assert_array_equal(before, after)
