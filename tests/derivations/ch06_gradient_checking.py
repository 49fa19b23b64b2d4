"""Chapter 6: the truncation error of finite differences, the step that balances it
against round-off, and the properties of the relative error."""

import sympy as sp

from tests.derivations import check

x = sp.Symbol("x", real=True)
h = sp.Symbol("h", positive=True)
f = sp.Function("f")

# Magnitudes in the error model: |f(x)|, |f''(x)|, |f'''(x)| and the machine epsilon.
eps = sp.Symbol("epsilon", positive=True)
F0, F2, F3 = sp.symbols("F_0 F_2 F_3", positive=True)


def truncated_series(expression, order):
    """The Taylor polynomial of ``expression`` in h, terms below h**order."""
    return sp.series(expression, h, 0, order).removeO().doit()


def d(n):
    return sp.diff(f(x), x, n)


@check(
    "gc-taylor",
    latex=r"f(x + h) = f(x) + h f'(x) + \frac{h^2}{2} f''(x) + \frac{h^3}{6} f'''(x) + O(h^4)",
)
def _():
    return [truncated_series(f(x + h), 4), f(x) + h * d(1) + h**2 / 2 * d(2) + h**3 / 6 * d(3)]


@check("gc-forward-error", latex=r"D^{+}_h f(x) - f'(x) = \frac{h}{2} f''(x) + O(h^2)")
def _():
    forward = (f(x + h) - f(x)) / h
    return [truncated_series(forward - d(1), 2), h / 2 * d(2)]


@check("gc-odd-terms", latex=r"f(x + h) - f(x - h) = 2 h f'(x) + \frac{h^3}{3} f'''(x) + O(h^5)")
def _():
    return [truncated_series(f(x + h) - f(x - h), 5), 2 * h * d(1) + h**3 / 3 * d(3)]


@check("gc-central-error", latex=r"D^{0}_h f(x) - f'(x) = \frac{h^2}{6} f'''(x) + O(h^4)")
def _():
    central = (f(x + h) - f(x - h)) / (2 * h)
    return [truncated_series(central - d(1), 4), h**2 / 6 * d(3)]


# The error models of the chapter, with |f| = F0, |f''| = F2, |f'''| = F3.
forward_model = h / 2 * F2 + 2 * eps * F0 / h
central_model = h**2 / 6 * F3 + eps * F0 / h


def minimizer(model):
    (stationary,) = sp.solve(sp.diff(model, h), h)
    assert sp.diff(model, h, 2).subs(h, stationary).is_positive  # a minimum, not a maximum
    return stationary


# The chapter's names, for reading its equations (latex.evaluate): |f(x)| and the
# magnitudes of its derivatives are F0, F2, F3; E^+ and E^0 the error models; h^+_* and
# h^0_* their minimizers.
WHERE = {
    "f()": lambda _: F0,
    "f''()": lambda _: F2,
    "f'''()": lambda _: F3,
    "Eplus()": lambda step: forward_model.subs(h, step),
    "Ezero()": lambda step: central_model.subs(h, step),
    "hplusstar": minimizer(forward_model),
    "hzerostar": minimizer(central_model),
}


@check("gc-forward-best-h", latex=r"h^{+}_{\ast} = 2 \sqrt{\frac{\epsilon \lvert f(x) \rvert}{\lvert f''(x) \rvert}}")
def _():
    return [minimizer(forward_model), 2 * sp.sqrt(eps * F0 / F2)]


@check(
    "gc-forward-best-error", latex=r"E^{+}(h^{+}_{\ast}) = 2 \sqrt{\epsilon \lvert f(x) \rvert \, \lvert f''(x) \rvert}"
)
def _():
    return [forward_model.subs(h, minimizer(forward_model)), 2 * sp.sqrt(eps * F0 * F2)]


@check(
    "gc-central-best-h",
    latex=r"h^{0}_{\ast} = \left( \frac{3 \epsilon \lvert f(x) \rvert}{\lvert f'''(x) \rvert} \right)^{1/3}",
)
def _():
    return [minimizer(central_model), (3 * eps * F0 / F3) ** sp.Rational(1, 3)]


@check(
    "gc-central-best-error",
    latex=r"E^{0}(h^{0}_{\ast}) = \frac{1}{2} \left( 3 \epsilon \lvert f(x) \rvert \right)^{2/3} \lvert f'''(x) \rvert^{1/3}",
)
def _():
    value = sp.Rational(1, 2) * (3 * eps * F0) ** sp.Rational(2, 3) * F3 ** sp.Rational(1, 3)
    return [central_model.subs(h, minimizer(central_model)), value]


# Two gradients with three components each; t is any nonzero real number.
g = sp.Matrix(sp.symbols("g_1:4", real=True))
g_hat = sp.Matrix(sp.symbols("q_1:4", real=True))
t = sp.Symbol("t", real=True, nonzero=True)


def norm(v):
    return sp.sqrt(sum(entry**2 for entry in v))


def rel(u, v):
    return norm(u - v) / (norm(u) + norm(v))


@check(
    "gc-relative-error-scale",
    latex=r"\operatorname{rel}(t\, g, t\, \hat g) = \frac{\lvert t \rvert \, \lVert g - \hat g \rVert}{\lvert t \rvert \, (\lVert g \rVert + \lVert \hat g \rVert)} = \operatorname{rel}(g, \hat g) = \operatorname{rel}(\hat g, g)",
)
def _():
    return [
        rel(t * g, t * g_hat),
        sp.Abs(t) * norm(g - g_hat) / (sp.Abs(t) * (norm(g) + norm(g_hat))),
        rel(g, g_hat),
        rel(g_hat, g),
    ]


@check(
    "gc-relative-error-uniform",
    latex=r"\operatorname{rel}\big(g, (1 + \delta)\, g\big) = \frac{\lvert \delta \rvert \, \lVert g \rVert}{(2 + \delta)\, \lVert g \rVert} = \frac{\lvert \delta \rvert}{2 + \delta}",
)
def _():
    # delta > -1: write 1 + delta = t with t > 0, so that delta takes both signs.
    t = sp.Symbol("t", positive=True)
    delta = t - 1
    return [
        rel(g, t * g),
        sp.Abs(delta) * norm(g) / ((2 + delta) * norm(g)),
        sp.Abs(delta) / (2 + delta),
    ]
