import mpmath
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from chapterkit.gradcheck import assert_gradient_correct
from solutions import sigmoid, sigmoid_derivative

finite = st.floats(allow_nan=False, allow_infinity=False)


def exact_sigmoid(z):
    with mpmath.workdps(50):
        return float(1 / (1 + mpmath.exp(-mpmath.mpf(z))))


@pytest.mark.parametrize(
    "z, expected",
    [(0.0, 0.5), (1e3, 1.0), (-1e3, 0.0), (1e308, 1.0), (-1e308, 0.0), (np.inf, 1.0), (-np.inf, 0.0)],
)
def test_sigmoid_exact_at_extremes(z, expected):
    # pytest turns any RuntimeWarning into an error, so passing means silent too.
    assert sigmoid(z) == expected
    assert sigmoid(np.array([z]))[0] == expected


def test_sigmoid_keeps_tiny_values_instead_of_rounding_to_zero():
    assert sigmoid(-700.0) == pytest.approx(exact_sigmoid(-700.0), rel=1e-13)


@given(st.floats(-745, 745))
def test_sigmoid_matches_high_precision(z):
    assert sigmoid(z) == pytest.approx(exact_sigmoid(z), rel=1e-14, abs=1e-300)


@given(finite)
def test_sigmoid_is_silent_and_bounded_for_every_finite_z(z):
    value = sigmoid(z)
    assert 0.0 <= value <= 1.0
    assert sigmoid(-z) == pytest.approx(1.0 - value, abs=1e-15)


@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=0, max_dims=3), elements=finite))
def test_sigmoid_keeps_shape_returns_float64_and_leaves_input(z):
    before = z.copy()
    out = sigmoid(z)
    assert np.shape(out) == z.shape
    assert np.asarray(out).dtype == np.float64
    np.testing.assert_array_equal(z, before)


def test_sigmoid_of_scalar_and_integers():
    assert isinstance(sigmoid(2), np.float64)
    np.testing.assert_allclose(sigmoid([[0, 2]]), [[0.5, 0.8807970779778823]], rtol=1e-15)


# Beyond |z| ~ 10, sigma(z) is within 5e-5 of 0 or 1 and its differences drown in round-off
# (the right arm of chapter 6's V); the high-precision test below covers the tails.
@given(st.floats(-10, 10))
def test_sigmoid_derivative_is_the_derivative_of_sigmoid(z):
    theta = np.array([z])
    assert_gradient_correct(lambda t: float(sigmoid(t[0])), lambda t: np.array([sigmoid_derivative(t[0])]), theta)


@given(st.floats(-700, 700))
def test_sigmoid_derivative_equals_s_times_one_minus_s_in_high_precision(z):
    # 1 - s cancels about |z| / ln(10) digits, so carry that many more.
    with mpmath.workdps(int(abs(z) / 2.3) + 30):
        s = 1 / (1 + mpmath.exp(-mpmath.mpf(z)))
        exact = float(s * (1 - s))
    assert sigmoid_derivative(z) == pytest.approx(exact, rel=1e-13, abs=1e-300)


def test_sigmoid_derivative_values_and_tails():
    assert sigmoid_derivative(0.0) == 0.25
    assert sigmoid_derivative(1e308) == 0.0
    assert sigmoid_derivative(-1e3) == 0.0
    # sigma(40) rounds to 1.0, yet the derivative keeps its full precision.
    assert sigmoid_derivative(40.0) == pytest.approx(4.248354255291589e-18, rel=1e-14)
