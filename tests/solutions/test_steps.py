"""The derivation steps: each is the derivative of its function (sympy, finite differences), and the chain closes."""

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from chapterkit.gradcheck import assert_gradient_correct
from solutions import dL_da, dL_dw, dL_dz, dlogc_da, dsigma_du, du_dz, sigmoid, sigmoid_derivative

u_, z_, a_, c_, y_ = sp.symbols("u z a c y", real=True)
LOSS = -(y_ * sp.log(a_) + (1 - y_) * sp.log(1 - a_))


def _sympy_values(expression, symbol, points, **fixed):
    derivative = sp.lambdify([symbol, *fixed], sp.diff(expression, symbol), "mpmath")
    with mpmath.workdps(40):
        return np.array([float(derivative(mpmath.mpf(p), *map(mpmath.mpf, fixed.values()))) for p in points])


@pytest.mark.parametrize(
    "step, expression, symbol, points, fixed",
    [
        (dsigma_du, 1 / u_, u_, [1.0, 1.5, 2.0, 7.0, 1e3, -0.5], {}),
        (du_dz, 1 + sp.exp(-z_), z_, [-30.0, -2.0, 0.0, 0.7, 30.0, 300.0], {}),
        (lambda a: dlogc_da(a, 2.0), -sp.log(a_) / sp.log(c_), a_, [1e-9, 0.1, 0.5, 1.0], {"c": 2.0}),
        (lambda a: dlogc_da(a, 0.3), -sp.log(a_) / sp.log(c_), a_, [1e-9, 0.1, 0.5, 1.0], {"c": 0.3}),
        (lambda a: dL_da(a, 1.0), LOSS, a_, [1e-9, 0.1, 0.5, 0.999999], {"y": 1.0}),
        (lambda a: dL_da(a, 0.0), LOSS, a_, [1e-6, 0.1, 0.5, 1 - 1e-9], {"y": 0.0}),
        (
            lambda z: dL_dz(z, np.ones_like(z)),
            LOSS.subs(a_, 1 / (1 + sp.exp(-z_))),
            z_,
            [-40.0, -1.0, 0.0, 3.0],
            {"y": 1},
        ),
        (
            lambda z: dL_dz(z, np.zeros_like(z)),
            LOSS.subs(a_, 1 / (1 + sp.exp(-z_))),
            z_,
            [-3.0, 0.0, 2.0, 40.0],
            {"y": 0},
        ),
    ],
    ids=["dsigma_du", "du_dz", "dlogc_da-2", "dlogc_da-0.3", "dL_da-1", "dL_da-0", "dL_dz-1", "dL_dz-0"],
)
def test_each_step_is_the_derivative_sympy_takes(step, expression, symbol, points, fixed):
    expected = _sympy_values(expression, symbol, points, **fixed)
    np.testing.assert_allclose(step(np.array(points)), expected, rtol=1e-13, atol=1e-300)


def test_dl_dz_is_sigma_minus_y_symbolically():
    softplus_form = sp.log(1 + sp.exp(z_)) - y_ * z_
    assert sp.simplify(sp.diff(softplus_form, z_) - (1 / (1 + sp.exp(-z_)) - y_)) == 0


@given(st.floats(-20, 20))
def test_the_two_links_multiply_to_the_sigmoid_derivative(z):
    # The chain rule of chapter 2: f'(u) at u = 1 + e^(-z), times du/dz.
    assert dsigma_du(1.0 + np.exp(-z)) * du_dz(z) == pytest.approx(sigmoid_derivative(z), rel=1e-12)


@given(st.floats(-8, 8), st.sampled_from([0.0, 1.0]))
def test_dl_da_times_the_sigmoid_slope_is_dl_dz(z, y):
    # Chapter 4's route 2; further out 1 - a cancels digits (about |z| / ln 10 of them), as chapter 4 shows.
    a = float(sigmoid(z))
    assert dL_da(a, y) * sigmoid_derivative(z) == pytest.approx(dL_dz(z, y), rel=1e-9, abs=1e-12)


@given(st.floats(0.5, 50.0))
def test_dsigma_du_matches_finite_differences(u):
    assert_gradient_correct(lambda t: 1.0 / t[0], lambda t: np.array([dsigma_du(t[0])]), np.array([u]))


@given(st.floats(-10, 10))
def test_du_dz_matches_finite_differences(z):
    assert_gradient_correct(lambda t: 1.0 + np.exp(-t[0]), lambda t: np.array([du_dz(t[0])]), np.array([z]))


@given(st.floats(-10, 10), st.sampled_from([0.0, 1.0]))
def test_dl_dz_matches_finite_differences(z, y):
    def loss_of_z(t):
        return float(np.logaddexp(0.0, t[0]) - y * t[0])

    assert_gradient_correct(loss_of_z, lambda t: np.array([dL_dz(t[0], y)]), np.array([z]))


@given(st.floats(0.05, 1.0), st.sampled_from([2.0, 10.0, np.e, 0.5]))
def test_dlogc_da_matches_finite_differences(a, c):
    theta = np.array([min(a, 1.0 - 1e-4)])
    assert_gradient_correct(lambda t: -np.log(t[0]) / np.log(c), lambda t: np.array([dlogc_da(t[0], c)]), theta)


@given(st.floats(0.01, 0.99), st.sampled_from([0.0, 1.0]))
def test_dl_da_matches_finite_differences(a, y):
    def loss_of_a(t):
        return float(-(y * np.log(t[0]) + (1 - y) * np.log(1 - t[0])))

    assert_gradient_correct(loss_of_a, lambda t: np.array([dL_da(t[0], y)]), np.array([a]))


@pytest.mark.parametrize("y", [0.0, 1.0])
def test_dl_dw_is_the_gradient_of_the_loss_in_w(y):
    rng = np.random.default_rng(3)
    x = rng.normal(size=(4, 1))
    b = 0.2

    def loss_of_w(w):
        z = float(w @ x[:, 0]) + b
        return float(np.logaddexp(0.0, z) - y * z)

    def gradient_of_w(w):
        a = float(sigmoid(float(w @ x[:, 0]) + b))
        return dL_dw(x, a, y)[:, 0]

    assert_gradient_correct(loss_of_w, gradient_of_w, rng.normal(size=4))


def test_dl_dw_has_the_shape_of_w_and_is_the_input_times_the_error():
    x = np.array([[1.0], [-2.0], [0.5]])
    np.testing.assert_array_equal(dL_dw(x, 0.75, 1), [[-0.25], [0.5], [-0.125]])
    assert dL_dw(np.array([[3.0]]), 0.5, 0.0).shape == (1, 1)


def test_the_steps_are_silent_and_exact_at_the_edges():
    assert dsigma_du(1e300) == 0.0 and dsigma_du(1.0) == -1.0
    assert du_dz(-1e3) == -np.inf and du_dz(1e3) == 0.0
    np.testing.assert_array_equal(dL_dz(np.array([1e308, -1e308, 800.0]), np.array([1.0, 0.0, 0.0])), [0.0, 0.0, 1.0])
    assert dL_da(1 - 2**-53, 1.0) == pytest.approx(-1.0, rel=1e-15)
    assert dL_da(2**-1074, 0.0) == 1.0
    assert dlogc_da(1.0, np.e) == -1.0


@pytest.mark.parametrize(
    "step",
    [
        lambda: dsigma_du(np.array([1.0, 2.0])),
        lambda: du_dz(np.array([1.0, 2.0])),
        lambda: dL_dz(np.array([1.0, 2.0]), np.array([1.0, 0.0])),
        lambda: dlogc_da(np.array([0.5, 0.25]), 3.0),
        lambda: dL_da(np.array([0.5, 0.25]), np.array([1.0, 0.0])),
    ],
)
def test_a_number_in_gives_a_number_out_and_an_array_its_shape(step):
    out = step()
    assert out.shape == (2,) and out.dtype == np.float64
    assert isinstance(dsigma_du(2), np.float64) and isinstance(dL_dz(0, 1), np.float64)
