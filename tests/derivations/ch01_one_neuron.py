"""Chapter 1: the sigmoid's symmetry, the log-odds, and the squared-error gradient."""

import sympy as sp

from tests.derivations import check

z = sp.Symbol("z", real=True)
y = sp.Symbol("y", real=True)


def sigma(t):
    return 1 / (1 + sp.exp(-t))


WHERE = {"a": sigma(z)}  # the chapter's names, for reading its equations (latex.evaluate)


@check("sigmoid-symmetry", latex=r"\sigma(-z) = \frac{1}{1 + e^{z}} = \frac{e^{-z}}{e^{-z} + 1} = 1 - \sigma(z) .")
def _():
    return [sigma(-z), 1 / (1 + sp.exp(z)), sp.exp(-z) / (sp.exp(-z) + 1), 1 - sigma(z)]


@check("logit", latex=r"z = \ln \frac{a}{1 - a} .")
def _():
    # with a = sigma(z), the log-odds give back z
    a = sigma(z)
    return [z, sp.log(a / (1 - a))]


@check(
    "mse-gradient",
    latex=r"\frac{\partial}{\partial z} \tfrac12 (\sigma(z) - y)^2 = (\sigma(z) - y)\, \sigma(z)\,(1 - \sigma(z)) .",
)
def _():
    return [sp.diff(sp.Rational(1, 2) * (sigma(z) - y) ** 2, z), (sigma(z) - y) * sigma(z) * (1 - sigma(z))]


@check("sigmoid-negative-form", latex=r"\sigma(z) = \frac{e^{z}}{1 + e^{z}} \qquad (z < 0),")
def _():
    return [sigma(z), sp.exp(z) / (1 + sp.exp(z))]
