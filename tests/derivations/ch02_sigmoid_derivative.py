"""Chapter 2: the derivative rules, sigma' = sigma (1 - sigma) one step at a time, and its shape.

Each check returns the sides of its equation (or of its chain A = B = C) as
sympy expressions, in the order the chapter writes them.
"""

import sympy as sp

from tests.derivations import check

x = sp.Symbol("x", positive=True)
z = sp.Symbol("z", real=True)
u = sp.Symbol("u", real=True)
c = sp.Symbol("c", positive=True)  # the base of a logarithm


def sigma(t):
    return 1 / (1 + sp.exp(-t))


def sigma_prime(t):
    """sympy's own derivative of the sigmoid, evaluated at t."""
    return sp.diff(sigma(z), z).subs(z, t)


E = sp.exp(-z)  # e^{-z}, the building block of every step


# The four rules and the chain rule.


@check("ch2-dln", latex=r"\frac{d}{dx} \ln x = \frac{1}{x} \qquad (x > 0)")
def _():
    return [sp.diff(sp.log(x), x), 1 / x]


@check(
    "ch2-dlog-base",
    latex=r"\frac{d}{dx} \log_c x = \frac{d}{dx} \frac{\ln x}{\ln c} = \frac{1}{x \ln c} \qquad (c > 0,\ c \ne 1)",
)
def _():
    # sp.log(x, c) is sympy's log base c; the middle side is the change of base.
    return [sp.diff(sp.log(x, c), x), sp.diff(sp.log(x) / sp.log(c), x), 1 / (x * sp.log(c))]


@check("ch2-dexp", latex=r"\frac{d}{dx} e^{x} = e^{x}")
def _():
    xr = sp.Symbol("x", real=True)  # e^x for every real x, not only x > 0
    return [sp.diff(sp.exp(xr), xr), sp.exp(xr)]


@check(
    "ch2-dreciprocal",
    latex=r"\frac{d}{dx} \frac{1}{x} = \frac{d}{dx} x^{-1} = -x^{-2} = -\frac{1}{x^{2}} \qquad (x \ne 0)",
)
def _():
    xr = sp.Symbol("x", real=True, nonzero=True)  # any x but 0, negative ones included
    return [sp.diff(1 / xr, xr), sp.diff(xr**-1, xr), -(xr**-2), -1 / xr**2]


def _derivative_of(function):
    """The derivative function', evaluated at its argument, as the chapter's prime means."""
    return lambda at: sp.Subs(sp.diff(function(u), u), u, at)


CHAIN_NAMES = {  # f and g arbitrary: f(.), g(.), and their derivatives f'(.), g'(.)
    "f()": sp.Function("f"),
    "g()": sp.Function("g"),
    "f'()": _derivative_of(sp.Function("f")),
    "g'()": _derivative_of(sp.Function("g")),
}


@check("ch2-chain-rule", latex=r"\frac{d}{dx} f(g(x)) = f'(g(x))\, g'(x)", where=CHAIN_NAMES)
def _():
    # f and g are arbitrary differentiable functions; f'(g(x)) is f' evaluated at u = g(x).
    xr = sp.Symbol("x", real=True)
    f, g = sp.Function("f"), sp.Function("g")
    return [sp.diff(f(g(xr)), xr), sp.Subs(sp.diff(f(u), u), u, g(xr)) * sp.diff(g(xr), xr)]


@check(
    "ch2-exp-neg",
    latex=r"\frac{d}{dz} e^{-z} = e^{-z} \cdot \frac{d}{dz} (-z) = e^{-z} \cdot (-1) = -e^{-z}",
)
def _():
    # chain rule with outer exp (its own derivative, evaluated at -z) and inner -z
    return [sp.diff(E, z), sp.exp(u).subs(u, -z) * sp.diff(-z, z), E * (-1), -E]


# sigma'(z), one step per equation.


@check(
    "ch2-step-outer",
    latex=r"\sigma'(z) = \frac{d}{dz} \frac{1}{1 + e^{-z}} = -\frac{1}{(1 + e^{-z})^{2}} \cdot \frac{d}{dz} \left(1 + e^{-z}\right)",
)
def _():
    # chain rule: outer f(u) = 1/u with f'(u) = -1/u^2 evaluated at u = 1 + e^{-z}, times the inner derivative
    outer_prime = sp.diff(1 / u, u).subs(u, 1 + E)
    return [sigma_prime(z), sp.diff(1 / (1 + E), z), outer_prime * sp.diff(1 + E, z)]


@check("ch2-step-inner", latex=r"\frac{d}{dz} \left(1 + e^{-z}\right) = 0 + e^{-z} \cdot (-1) = -e^{-z}")
def _():
    return [sp.diff(1 + E, z), sp.diff(sp.Integer(1), z) + E * (-1), -E]


@check(
    "ch2-step-combine",
    latex=r"\sigma'(z) = -\frac{1}{(1 + e^{-z})^{2}} \cdot e^{-z} \cdot (-1) = \frac{e^{-z}}{(1 + e^{-z})^{2}}",
)
def _():
    return [sigma_prime(z), -1 / (1 + E) ** 2 * E * (-1), E / (1 + E) ** 2]


@check(
    "ch2-step-add-subtract",
    latex=r"\frac{e^{-z}}{(1 + e^{-z})^{2}} = \frac{1 + e^{-z} - 1}{(1 + e^{-z})^{2}} = \frac{1 + e^{-z}}{(1 + e^{-z})^{2}} - \frac{1}{(1 + e^{-z})^{2}}",
)
def _():
    return [E / (1 + E) ** 2, (1 + E - 1) / (1 + E) ** 2, (1 + E) / (1 + E) ** 2 - 1 / (1 + E) ** 2]


@check(
    "ch2-step-cancel",
    latex=r"\frac{1 + e^{-z}}{(1 + e^{-z})^{2}} - \frac{1}{(1 + e^{-z})^{2}} = \frac{1}{1 + e^{-z}} - \frac{1}{(1 + e^{-z})^{2}}",
)
def _():
    return [(1 + E) / (1 + E) ** 2 - 1 / (1 + E) ** 2, 1 / (1 + E) - 1 / (1 + E) ** 2]


@check(
    "ch2-step-factor",
    latex=r"\frac{1}{1 + e^{-z}} - \frac{1}{(1 + e^{-z})^{2}} = \frac{1}{1 + e^{-z}} \left(1 - \frac{1}{1 + e^{-z}}\right)",
)
def _():
    return [1 / (1 + E) - 1 / (1 + E) ** 2, 1 / (1 + E) * (1 - 1 / (1 + E))]


@check("ch2-sigmoid-derivative", latex=r"\sigma'(z) = \sigma(z)\,(1 - \sigma(z))")
def _():
    return [sigma_prime(z), sigma(z) * (1 - sigma(z))]


# The shape of sigma'.


@check(
    "ch2-derivative-bound",
    latex=r"\sigma'(z) = \sigma(z)\,(1 - \sigma(z)) = \tfrac14 - \left(\sigma(z) - \tfrac12\right)^{2}",
)
def _():
    half = sp.Rational(1, 2)
    return [sigma_prime(z), sigma(z) * (1 - sigma(z)), sp.Rational(1, 4) - (sigma(z) - half) ** 2]


@check("ch2-derivative-max", latex=r"\sigma'(0) = \tfrac12 \left(1 - \tfrac12\right) = \tfrac14")
def _():
    half = sp.Rational(1, 2)
    return [sigma_prime(sp.Integer(0)), half * (1 - half), sp.Rational(1, 4)]


@check(
    "ch2-derivative-even",
    latex=r"\sigma'(-z) = \sigma(-z)\,(1 - \sigma(-z)) = (1 - \sigma(z))\,\sigma(z) = \sigma'(z)",
)
def _():
    return [sigma_prime(-z), sigma(-z) * (1 - sigma(-z)), (1 - sigma(z)) * sigma(z), sigma_prime(z)]


@check(
    "ch2-derivative-flip",
    latex=r"\frac{e^{-z}}{(1 + e^{-z})^{2}} = \frac{e^{-z} \cdot e^{2z}}{(1 + e^{-z})^{2} \cdot e^{2z}} = \frac{e^{z}}{(e^{z} + 1)^{2}}",
)
def _():
    e2z = sp.exp(2 * z)
    return [E / (1 + E) ** 2, (E * e2z) / ((1 + E) ** 2 * e2z), sp.exp(z) / (sp.exp(z) + 1) ** 2]


@check("ch2-derivative-tails", latex=r"\sigma'(z) = \frac{e^{-|z|}}{(1 + e^{-|z|})^{2}}")
def _():
    tail = sp.exp(-sp.Abs(z))
    return [sigma_prime(z), tail / (1 + tail) ** 2]


# Derive it yourself: tanh in place of the sigmoid.

TANH = (sp.exp(z) - sp.exp(-z)) / (sp.exp(z) + sp.exp(-z))


@check(
    "ch2-tanh-derivative",
    latex=r"\frac{d}{dz} \tanh z = \frac{(e^{z} + e^{-z})^2 - (e^{z} - e^{-z})^2}{(e^{z} + e^{-z})^2} = 1 - \tanh^2 z",
)
def _():
    return [
        sp.diff(TANH, z),
        ((sp.exp(z) + sp.exp(-z)) ** 2 - (sp.exp(z) - sp.exp(-z)) ** 2) / (sp.exp(z) + sp.exp(-z)) ** 2,
        1 - sp.tanh(z) ** 2,
    ]


@check(
    "ch2-tanh-sigmoid",
    latex=r"\tanh z = \frac{1 - e^{-2z}}{1 + e^{-2z}} = \frac{2}{1 + e^{-2z}} - 1 = 2\sigma(2z) - 1",
)
def _():
    return [sp.tanh(z), (1 - sp.exp(-2 * z)) / (1 + sp.exp(-2 * z)), 2 / (1 + sp.exp(-2 * z)) - 1, 2 * sigma(2 * z) - 1]


@check(
    "ch2-tanh-slope",
    latex=r"\frac{d}{dz} \tanh z = 2 \cdot \sigma'(2z) \cdot 2 = 4\, \sigma(2z) \big(1 - \sigma(2z)\big)",
)
def _():
    return [sp.diff(sp.tanh(z), z), 2 * sigma_prime(2 * z) * 2, 4 * sigma(2 * z) * (1 - sigma(2 * z))]
