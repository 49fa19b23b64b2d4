"""Chapter 7: why a gradient step goes downhill, how large it may be, the curvature of
the logistic loss, mini-batches, the decision boundary and scikit-learn's objective."""

import sympy as sp

from tests.derivations import check
from tests.derivations.equality import difference_vanishes

alpha = sp.Symbol("alpha", positive=True)


@check("gd-first-order", latex=r"J(\theta - \alpha g) = J(\theta) - \alpha \, g^\top g + O(\alpha^2)")
def _():
    # Two parameters, a generic smooth J, and g its gradient at theta.
    t1, t2 = sp.symbols("theta_1 theta_2", real=True)
    J = sp.Function("J")
    g1, g2 = sp.diff(J(t1, t2), t1), sp.diff(J(t1, t2), t2)
    stepped = J(t1 - alpha * g1, t2 - alpha * g2)
    first_order = sp.series(stepped, alpha, 0, 2).removeO().doit()
    return [first_order, J(t1, t2) - alpha * (g1 * g1 + g2 * g2)]


@check(
    "gd-quadratic-step",
    latex=r"\theta - \alpha J'(\theta) - \theta^\ast = (1 - \alpha \kappa)(\theta - \theta^\ast)",
)
def _():
    theta, theta_star = sp.symbols("theta theta_star", real=True)
    kappa = sp.Symbol("kappa", positive=True)
    J = kappa / 2 * (theta - theta_star) ** 2
    return [theta - alpha * sp.diff(J, theta) - theta_star, (1 - alpha * kappa) * (theta - theta_star)]


@check(
    "gd-hessian-quadratic-form",
    latex=r"\sum_{j=1}^{n_x} \sum_{k=1}^{n_x} u_j u_k \frac{\partial^2 \mathcal{L}}{\partial w_j \, \partial w_k} = a\,(1 - a)\,\big(u^\top x\big)^2",
)
def _():
    # Three features; L is the cross-entropy of one example, a = sigma(w^T x + b).
    # It is written through z = w^T x + b as ln(1 + e^(-z)) + (1 - y) z (chapter 5), the
    # same function, which sympy differentiates and simplifies far faster.
    t, y = sp.symbols("t y", real=True)
    sigma_t = 1 / (1 + sp.exp(-t))
    assert difference_vanishes(
        -(y * sp.log(sigma_t) + (1 - y) * sp.log(1 - sigma_t)), sp.log(1 + sp.exp(-t)) + (1 - y) * t
    )
    n = 3
    w = sp.symbols(f"w_1:{n + 1}", real=True)
    x = sp.symbols(f"x_1:{n + 1}", real=True)
    u = sp.symbols(f"u_1:{n + 1}", real=True)
    b = sp.Symbol("b", real=True)
    z = sum(wj * xj for wj, xj in zip(w, x)) + b
    a = 1 / (1 + sp.exp(-z))
    L = sp.log(1 + sp.exp(-z)) + (1 - y) * z
    quadratic_form = sum(u[j] * u[k] * sp.diff(L, w[j], w[k]) for j in range(n) for k in range(n))
    return [quadratic_form, a * (1 - a) * sum(uj * xj for uj, xj in zip(u, x)) ** 2]


@check("gd-curvature-bound", latex=r"a\,(1 - a) = \tfrac14 - \left(a - \tfrac12\right)^2")
def _():
    a = sp.Symbol("a", real=True)
    return [a * (1 - a), sp.Rational(1, 4) - (a - sp.Rational(1, 2)) ** 2]


@check(
    "gd-minibatch-average",
    latex=r"\frac{1}{N} \sum_{k=1}^{N} \frac{1}{B} \sum_{i \in \mathcal{B}_k} g^{(i)} = \frac{1}{m} \sum_{i=1}^{m} g^{(i)}",
)
def _():
    # m = 6 examples in N = 3 batches of B = 2.
    g = sp.symbols("g_1:7", real=True)
    batches = [g[0:2], g[2:4], g[4:6]]
    N, B, m = 3, 2, 6
    return [sp.Rational(1, N) * sum(sp.Rational(1, B) * sum(batch) for batch in batches), sp.Rational(1, m) * sum(g)]


def _db_setup():
    """db as the derivative of the cost with respect to b, for m = 3 examples."""
    b = sp.Symbol("b", real=True)
    z = sp.symbols("z_1:4", real=True)  # w^T x^(i), without b
    y = sp.symbols("y_1:4", real=True)
    m = 3
    a = [1 / (1 + sp.exp(-(zi + b))) for zi in z]
    J = sp.Rational(1, m) * sum(-(yi * sp.log(ai) + (1 - yi) * sp.log(1 - ai)) for ai, yi in zip(a, y))
    return b, y, m, a, J


def _db_names():
    """The chapter's names in (7.9): db, m, and example i's a^(i) and y^(i)."""
    b, y, m, a, J = _db_setup()
    names = {"db": sp.diff(J, b), "m": m}
    for i in range(m):
        names[f"a^({i + 1})"], names[f"y^({i + 1})"] = a[i], y[i]
    return names


@check(
    "gd-db-zero",
    latex=r"db = \frac{1}{m} \sum_{i=1}^{m} \big(a^{(i)} - y^{(i)}\big) = \frac{1}{m} \sum_{i=1}^{m} a^{(i)} - \frac{1}{m} \sum_{i=1}^{m} y^{(i)}",
    where=_db_names(),
)
def _():
    b, y, m, a, J = _db_setup()
    return [
        sp.diff(J, b),
        sp.Rational(1, m) * sum(ai - yi for ai, yi in zip(a, y)),
        sp.Rational(1, m) * sum(a) - sp.Rational(1, m) * sum(y),
    ]


@check("gd-boundary-line", latex=r"x_2 = -\frac{w_1 x_1 + b}{w_2}")
def _():
    # Solve w_1 x_1 + w_2 x_2 + b = 0, the line where z = 0 and sigma(z) = 1/2, for x_2.
    w1, w2, x1, x2, b = sp.symbols("w_1 w_2 x_1 x_2 b", real=True)
    (solution,) = sp.solve(sp.Eq(w1 * x1 + w2 * x2 + b, 0), x2)
    return [solution, -(w1 * x1 + b) / w2]


@check(
    "gd-sklearn-objective",
    latex=r"C \sum_{i=1}^{m} \mathcal{L}^{(i)} + \tfrac12 \lVert w \rVert^2 = C m \left( J(w, b) + \frac{\lVert w \rVert^2}{2 C m} \right)",
)
def _():
    # m = 4 losses; J is their mean, and W stands for ||w||^2.
    losses = sp.symbols("L_1:5", positive=True)
    C, W = sp.symbols("C W", positive=True)
    m = 4
    J = sp.Rational(1, m) * sum(losses)
    return [C * sum(losses) + W / 2, C * m * (J + W / (2 * C * m))]
