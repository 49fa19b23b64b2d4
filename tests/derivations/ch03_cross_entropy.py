"""Chapter 3: cross-entropy from the probability of being right, its convexity, base and stable form.

Each check returns the sides of its equation (or of its chain A = B = C) as
sympy expressions, in the order the chapter writes them. Statements about m
examples are checked with m = 4 (m = 3 for the Hessian) concrete examples:
every step is termwise, so nothing depends on the particular m.
"""

import sympy as sp

from tests.derivations import check

a = sp.Symbol("a", positive=True)  # a probability; the equality checker draws it from (0.05, 0.95)
y = sp.Symbol("y", real=True)
z = sp.Symbol("z", real=True)
c = sp.Symbol("c", positive=True)  # the base of a logarithm
t = sp.Symbol("t", real=True)  # marks the y = 1 case in for_both_labels

M = 4
A = sp.symbols(f"a_1:{M + 1}", positive=True)
Y = sp.symbols(f"y_1:{M + 1}", real=True)


def sigma(u):
    return 1 / (1 + sp.exp(-u))


def bernoulli(a_, y_):
    return a_**y_ * (1 - a_) ** (1 - y_)


def loss(a_, y_):
    return -(y_ * sp.log(a_) + (1 - y_) * sp.log(1 - a_))


def indicator(condition):
    return sp.Piecewise((1, condition), (0, True))


# The chapter's names, for reading its equations (latex.evaluate): L is the loss
# of a, and L(., .) the loss applied to its arguments; a is a free probability,
# except where an equation differentiates in z (ACTIVATION: a = sigma(z)).
WHERE = {"L": loss(a, y), "L()": loss}
ACTIVATION = {"a": sigma(z)}


def for_both_labels(expression):
    """``expression`` at y = 0 plus t times ``expression`` at y = 1.

    Two such encodings are equal (for every t) exactly when the expressions agree
    for both labels, which is all an identity about y in {0, 1} claims.
    """
    return expression.subs(y, 0) + t * expression.subs(y, 1)


# The probability of being right.


@check("ch3-bernoulli-one", latex=r"P(y = 1 \mid x) = a^{1} (1 - a)^{1 - 1} = a")
def _():
    return [bernoulli(a, y).subs(y, 1), a**1 * (1 - a) ** (1 - 1), a]


@check("ch3-bernoulli-zero", latex=r"P(y = 0 \mid x) = a^{0} (1 - a)^{1 - 0} = 1 - a")
def _():
    return [bernoulli(a, y).subs(y, 0), a**0 * (1 - a) ** (1 - 0), 1 - a]


@check(
    "ch3-log-bernoulli",
    latex=r"\ln\left(a^{y} (1 - a)^{1 - y}\right) = \ln a^{y} + \ln (1 - a)^{1 - y} = y \ln a + (1 - y) \ln(1 - a)",
)
def _():
    # true for every real y when 0 < a < 1: ln(uv) = ln u + ln v and ln u^k = k ln u for u, v > 0
    return [sp.log(bernoulli(a, y)), sp.log(a**y) + sp.log((1 - a) ** (1 - y)), y * sp.log(a) + (1 - y) * sp.log(1 - a)]


@check(
    "ch3-log-prob-right",
    latex=r"\begin{aligned} \ln P(y \mid x) &= \mathbf{1}\{y = 1\} \ln a + \mathbf{1}\{y = 0\} \ln(1 - a) \\ &= y \ln a + (1 - y) \ln(1 - a) \end{aligned}",
)
def _():
    indicators = indicator(sp.Eq(y, 1)) * sp.log(a) + indicator(sp.Eq(y, 0)) * sp.log(1 - a)
    return [
        for_both_labels(sp.log(bernoulli(a, y))),
        for_both_labels(indicators),
        for_both_labels(y * sp.log(a) + (1 - y) * sp.log(1 - a)),
    ]


@check("ch3-log-product", latex=r"\ln \prod_{i=1}^{m} p_i = \sum_{i=1}^{m} \ln p_i \qquad (p_i > 0)")
def _():
    # for every m, not only m = 4
    i, m = sp.symbols("i m", integer=True, positive=True)
    p = sp.IndexedBase("p", positive=True)
    return [sp.log(sp.Product(p[i], (i, 1, m))), sp.Sum(sp.log(p[i]), (i, 1, m))]


@check(
    "ch3-log-likelihood",
    latex=r"\ln P(Y \mid X) = \sum_{i=1}^{m} \left[ y^{(i)} \ln a^{(i)} + (1 - y^{(i)}) \ln(1 - a^{(i)}) \right]",
)
def _():
    likelihood = sp.Mul(*[bernoulli(A[i], Y[i]) for i in range(M)])
    return [sp.log(likelihood), sum(Y[i] * sp.log(A[i]) + (1 - Y[i]) * sp.log(1 - A[i]) for i in range(M))]


@check(
    "ch3-cost-likelihood",
    latex=r"J = -\frac{1}{m} \sum_{i=1}^{m} \left[ y^{(i)} \ln a^{(i)} + (1 - y^{(i)}) \ln(1 - a^{(i)}) \right] = -\frac{1}{m} \ln P(Y \mid X)",
)
def _():
    cost = sp.Rational(1, M) * sum(loss(A[i], Y[i]) for i in range(M))  # the definition: the mean loss
    expanded = -sp.Rational(1, M) * sum(Y[i] * sp.log(A[i]) + (1 - Y[i]) * sp.log(1 - A[i]) for i in range(M))
    likelihood = sp.Mul(*[bernoulli(A[i], Y[i]) for i in range(M)])
    return [cost, expanded, -sp.Rational(1, M) * sp.log(likelihood)]


@check("ch3-cost-vector", latex=r"J = -\frac{1}{m} \left( Y (\ln A)^\top + (1 - Y) (\ln(1 - A))^\top \right)")
def _():
    A_row, Y_row = sp.Matrix([A]), sp.Matrix([Y])  # shape (1, m), one example per column
    ones = sp.ones(1, M)
    vector = -sp.Rational(1, M) * (
        Y_row * A_row.applyfunc(sp.log).T + (ones - Y_row) * (ones - A_row).applyfunc(sp.log).T
    )
    return [sp.Rational(1, M) * sum(loss(A[i], Y[i]) for i in range(M)), vector[0, 0]]


@check(
    "ch3-loss-cases",
    latex=r"\mathcal{L}(a, y) = \begin{cases} -\ln a & \text{if } y = 1, \\ -\ln(1 - a) & \text{if } y = 0. \end{cases}",
)
def _():
    cases = sp.Piecewise((-sp.log(a), sp.Eq(y, 1)), (-sp.log(1 - a), sp.Eq(y, 0)))
    return [for_both_labels(loss(a, y)), for_both_labels(cases)]


# The loss as a function of z, and its convexity.


@check(
    "ch3-softplus-shift",
    latex=r"\ln(1 + e^{-z}) = \ln\left(e^{-z} (e^{z} + 1)\right) = \ln(1 + e^{z}) - z",
)
def _():
    return [sp.log(1 + sp.exp(-z)), sp.log(sp.exp(-z) * (sp.exp(z) + 1)), sp.log(1 + sp.exp(z)) - z]


@check(
    "ch3-loss-logits",
    latex=r"\begin{aligned} \mathcal{L}(\sigma(z), y) &= y \ln(1 + e^{-z}) + (1 - y) \ln(1 + e^{z}) \\ &= y \left(\ln(1 + e^{z}) - z\right) + (1 - y) \ln(1 + e^{z}) \\ &= \ln(1 + e^{z}) - y z \end{aligned}",
)
def _():
    softplus = sp.log(1 + sp.exp(z))
    return [
        loss(sigma(z), y),
        y * sp.log(1 + sp.exp(-z)) + (1 - y) * softplus,
        y * (softplus - z) + (1 - y) * softplus,
        softplus - y * z,
    ]


@check(
    "ch3-dloss-dz",
    latex=r"\frac{\partial \mathcal{L}}{\partial z} = \frac{e^{z}}{1 + e^{z}} - y = \sigma(z) - y",
    where=ACTIVATION,
)
def _():
    return [sp.diff(loss(sigma(z), y), z), sp.exp(z) / (1 + sp.exp(z)) - y, sigma(z) - y]


@check(
    "ch3-d2loss-dz2",
    latex=r"\frac{\partial^2 \mathcal{L}}{\partial z^2} = \frac{d}{dz} \sigma(z) = \sigma(z)\,(1 - \sigma(z))",
    where=ACTIVATION,
)
def _():
    return [sp.diff(loss(sigma(z), y), z, 2), sp.diff(sigma(z), z), sigma(z) * (1 - sigma(z))]


def _hessian_setup():
    """Cost of m = 3 examples with n_x = 2 features as a function of w (b is fixed), and a direction v."""
    n, m = 2, 3
    w = sp.symbols("w_1:3", real=True)
    X = sp.Matrix(n, m, lambda r, col: sp.Symbol(f"x_{r + 1}{col + 1}", real=True))
    labels = sp.symbols("y_1:4", real=True)
    b = sp.Symbol("b", real=True)
    Z = [sum(w[r] * X[r, col] for r in range(n)) + b for col in range(m)]
    # the mean loss in its logit form, checked in ch3-loss-logits (sympy differentiates it much faster)
    J = sp.Rational(1, m) * sum(sp.log(1 + sp.exp(Z[col])) - labels[col] * Z[col] for col in range(m))
    acts = [sigma(Z[col]) for col in range(m)]
    v = sp.Matrix(sp.symbols("v_1:3", real=True))
    return n, m, w, X, J, acts, v


@check(
    "ch3-hessian",
    latex=r"\begin{aligned} \nabla_w^2 J &= \frac{1}{m} \sum_{i=1}^{m} a^{(i)} (1 - a^{(i)})\, x^{(i)} x^{(i)\top} \\ &= \frac{1}{m} X \operatorname{diag}\left(a^{(1)} (1 - a^{(1)}), \dots, a^{(m)} (1 - a^{(m)})\right) X^\top \end{aligned}",
)
def _():
    # Two symmetric matrices are equal when v^T H v agrees for every vector v.
    n, m, w, X, J, acts, v = _hessian_setup()
    hessian = sp.hessian(J, w)
    outer_sum = sp.Rational(1, m) * sum(
        (acts[col] * (1 - acts[col]) * X[:, col] * X[:, col].T for col in range(m)), sp.zeros(n, n)
    )
    sandwich = sp.Rational(1, m) * X * sp.diag(*[acts[col] * (1 - acts[col]) for col in range(m)]) * X.T
    return [(v.T * hessian * v)[0, 0], (v.T * outer_sum * v)[0, 0], (v.T * sandwich * v)[0, 0]]


@check(
    "ch3-hessian-quadratic",
    latex=r"v^\top \left(\nabla_w^2 J\right) v = \frac{1}{m} \sum_{i=1}^{m} a^{(i)} (1 - a^{(i)}) \left(v^\top x^{(i)}\right)^{2}",
)
def _():
    n, m, w, X, J, acts, v = _hessian_setup()
    squares = sp.Rational(1, m) * sum(acts[col] * (1 - acts[col]) * ((v.T * X[:, col])[0, 0]) ** 2 for col in range(m))
    return [(v.T * sp.hessian(J, w) * v)[0, 0], squares]


@check(
    "ch3-mse-curvature",
    latex=r"\begin{aligned} \frac{\partial^2}{\partial z^2} \tfrac12 (\sigma(z) - 1)^{2} &= \frac{d}{dz} \left[-\sigma(z)\,(1 - \sigma(z))^{2}\right] \\ &= -\sigma'(z)\,(1 - \sigma(z))^{2} + 2\sigma(z)\,(1 - \sigma(z))\,\sigma'(z) \\ &= \sigma(z)\,(1 - \sigma(z))^{2}\,(3\sigma(z) - 1) \end{aligned}",
)
def _():
    s, ds = sigma(z), sp.diff(sigma(z), z)
    return [
        sp.diff(sp.Rational(1, 2) * (s - 1) ** 2, z, 2),
        sp.diff(-s * (1 - s) ** 2, z),
        -ds * (1 - s) ** 2 + 2 * s * (1 - s) * ds,
        s * (1 - s) ** 2 * (3 * s - 1),
    ]


# The base of the logarithm.


@check("ch3-change-of-base", latex=r"\log_{c} a = \frac{\ln a}{\ln c}")
def _():
    return [sp.log(a, c), sp.log(a) / sp.log(c)]


@check(
    "ch3-loss-base",
    latex=r"-\left(y \log_{c} a + (1 - y) \log_{c}(1 - a)\right) = \frac{\mathcal{L}(a, y)}{\ln c}",
)
def _():
    return [-(y * sp.log(a, c) + (1 - y) * sp.log(1 - a, c)), loss(a, y) / sp.log(c)]


@check("ch3-dloss-base", latex=r"\frac{\partial}{\partial a} \left(-\log_{c} a\right) = -\frac{1}{a \ln c}")
def _():
    return [sp.diff(-sp.log(a, c), a), -1 / (a * sp.log(c))]


# The stable form from logits.


@check("ch3-softplus-stable", latex=r"\ln(1 + e^{z}) = \max(z, 0) + \ln\left(1 + e^{-|z|}\right)")
def _():
    return [sp.log(1 + sp.exp(z)), sp.Max(z, 0) + sp.log(1 + sp.exp(-sp.Abs(z)))]


@check(
    "ch3-loss-stable",
    latex=r"\mathcal{L}(\sigma(z), y) = \ln(1 + e^{z}) - y z = \max(z, 0) - y z + \ln\left(1 + e^{-|z|}\right)",
)
def _():
    return [loss(sigma(z), y), sp.log(1 + sp.exp(z)) - y * z, sp.Max(z, 0) - y * z + sp.log(1 + sp.exp(-sp.Abs(z)))]


# Derive it yourself: the squared error's slope in z.


@check(
    "ch3-mse-dz",
    latex=r"\frac{\partial}{\partial z} \tfrac12 (a - y)^{2} = (a - y)\, \frac{\partial a}{\partial z} = (a - y)\, a\, (1 - a)",
    where=ACTIVATION,
)
def _():
    a_of_z = sigma(z)
    return [
        sp.diff(sp.Rational(1, 2) * (a_of_z - y) ** 2, z),
        (a_of_z - y) * sp.diff(a_of_z, z),
        (a_of_z - y) * a_of_z * (1 - a_of_z),
    ]
