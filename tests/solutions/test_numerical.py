import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from solutions import gradient_check, numerical_gradient, relative_error

vectors = hnp.arrays(np.float64, st.integers(1, 6), elements=st.floats(-3, 3))


@given(vectors)
def test_numerical_gradient_of_a_quadratic_is_exact_to_rounding(theta):
    # Central differences have no truncation error on a quadratic.
    A = np.diag(np.arange(1.0, theta.size + 1))
    grad = numerical_gradient(lambda t: 0.5 * t @ A @ t + t.sum(), theta)
    np.testing.assert_allclose(grad, A @ theta + 1, rtol=1e-7, atol=1e-7)


@given(vectors)
def test_numerical_gradient_of_sin_and_exp(theta):
    grad = numerical_gradient(lambda t: np.sum(np.sin(t)) + np.exp(t[0]), theta)
    expected = np.cos(theta)
    expected[0] += np.exp(theta[0])
    np.testing.assert_allclose(grad, expected, rtol=1e-8, atol=1e-8)


def test_numerical_gradient_keeps_shape_and_leaves_theta_alone():
    theta = np.arange(6.0).reshape(2, 3)
    before = theta.copy()
    grad = numerical_gradient(lambda t: float(np.sum(t**2)), theta)
    assert grad.shape == (2, 3)
    np.testing.assert_allclose(grad, 2 * before, rtol=1e-9)
    np.testing.assert_array_equal(theta, before)


def test_numerical_gradient_is_not_fooled_by_a_function_that_writes_into_theta():
    def vandal(t):
        value = float(np.sum(t**2))
        t[...] = 0.0
        return value

    np.testing.assert_allclose(numerical_gradient(vandal, np.array([1.0, -2.0])), [2.0, -4.0], rtol=1e-9)


def test_central_differences_beat_forward_differences():
    f, theta, eps = (lambda t: float(np.exp(t[0]))), np.array([1.0]), 1e-4
    central = numerical_gradient(f, theta, eps)[0]
    forward = (f(theta + eps) - f(theta)) / eps
    assert abs(central - np.e) < abs(forward - np.e) / 100


def test_relative_error_formula_and_zero_case():
    assert relative_error([3.0, 4.0], [3.0, 4.0]) == 0.0
    assert relative_error([0.0, 0.0], [0.0, 0.0]) == 0.0
    assert relative_error([1.0, 0.0], [0.0, 0.0]) == 1.0
    assert relative_error([3.0, 4.0], [-3.0, -4.0]) == 1.0
    assert relative_error([1.0], [1.1]) == pytest.approx(0.1 / 2.1)


def test_gradient_check_accepts_right_and_rejects_wrong_gradients():
    theta = np.array([0.3, -1.2, 2.0])

    def cost(t):
        return float(np.sum(np.log1p(np.exp(t))))

    def right(t):
        return 1 / (1 + np.exp(-t))

    assert gradient_check(cost, right, theta) < 1e-9
    assert gradient_check(cost, lambda t: 2 * right(t), theta) > 0.3
    assert gradient_check(cost, lambda t: right(t) + 1e-3, theta) > 1e-5


def test_gradient_check_is_zero_when_both_gradients_are_zero():
    assert gradient_check(lambda t: 0.0, lambda t: np.zeros_like(t), np.ones(3)) == 0.0


@pytest.mark.parametrize("dtype", [np.float32, np.float16])
def test_float32_theta_is_refused_with_the_reason(dtype):
    with pytest.raises(ValueError, match="float64.*significant digits"):
        numerical_gradient(lambda t: float(t.sum()), np.ones(2, dtype=dtype))


def test_integer_theta_and_bad_step_are_refused():
    with pytest.raises(ValueError, match="float64"):
        numerical_gradient(lambda t: float(t.sum()), np.ones(2, dtype=int))
    with pytest.raises(ValueError, match="eps"):
        numerical_gradient(lambda t: float(t.sum()), np.ones(2), eps=0)


def test_a_function_that_does_not_return_a_scalar_is_named():
    with pytest.raises(ValueError, match="single number"):
        numerical_gradient(lambda t: t * 2, np.ones(2))


def test_gradient_of_the_wrong_shape_is_named():
    with pytest.raises(ValueError, match=r"grad_fn\(theta\) must have the shape of theta"):
        gradient_check(lambda t: float(t.sum()), lambda t: np.ones((1, 2)), np.ones(2))
