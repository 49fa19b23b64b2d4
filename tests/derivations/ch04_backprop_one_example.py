"""Chapter 4: the backward pass of one neuron for one example, one chain-rule step at a time.

Each side is computed from the forward definitions, z = w^T x + b, a = sigma(z),
L = -(y ln a + (1 - y) ln(1 - a)), by sympy's own differentiation wherever the
chapter writes a derivative, so a wrong local derivative or a lost sign fails.
Vector equations are reduced to one scalar with free symbols c_j (see
``contract``): the contraction vanishes identically exactly when every entry does.
"""

import sympy as sp

from tests.derivations import check

t = sp.Symbol("z", real=True)  # z as an independent variable
y = sp.Symbol("y", real=True)
a = sp.Symbol("a", positive=True)  # a as an independent variable, in (0, 1)


def sigma(u):
    return 1 / (1 + sp.exp(-u))


def loss(act, label):
    return -(label * sp.log(act) + (1 - label) * sp.log(1 - act))


def network(n_x):
    """Symbols x, w (columns), b, and the forward pass z(w, b), L(w, b) for n_x features."""
    x = sp.Matrix(n_x, 1, lambda j, _: sp.Symbol(f"x_{j + 1}", real=True))
    w = sp.Matrix(n_x, 1, lambda j, _: sp.Symbol(f"w_{j + 1}", real=True))
    b = sp.Symbol("b", real=True)
    z = (w.T * x)[0, 0] + b
    return x, w, b, z, loss(sigma(z), y)


def dz_at(z):
    """dL/dz computed by sympy from L(sigma(z), y), evaluated at the expression z."""
    return sp.diff(loss(sigma(t), y), t).subs(t, z)


# The chapter's names, for reading its equations (latex.evaluate): a = sigma(z),
# L = L(a, y), and the gradient names da, dz by their definitions (4.2), computed by sympy.
WHERE = {
    "a": sigma(t),
    "L": loss(a, y),
    "L()": loss,
    "da": sp.diff(loss(a, y), a),
    "dz": sp.diff(loss(sigma(t), y), t),
}
Z_OF_W = network(2)[3]  # z = w_1 x_1 + w_2 x_2 + b, where an equation differentiates in w or b


def contract(*columns):
    """Each column as sum_j c_j v_j, with the same symbols c_j for all of them."""
    n = columns[0].shape[0]
    for v in columns:
        assert v.shape == (n, 1), f"the sides have different shapes: {[c.shape for c in columns]}"
    c = [sp.Symbol(f"c_{j + 1}", real=True) for j in range(n)]
    return [sum((c[j] * v[j, 0] for j in range(n)), sp.S.Zero) for v in columns]


@check(
    "bp-chain",
    latex=r"\frac{\partial \mathcal{L}}{\partial w_1} = \frac{\partial \mathcal{L}}{\partial a}\, \frac{\partial a}{\partial z}\, \frac{\partial z}{\partial w_1} .",
    where={"z": Z_OF_W},
)
def _():
    x, w, b, z, L = network(2)
    dL_da = sp.diff(loss(a, y), a).subs(a, sigma(z))
    da_dz = sp.diff(sigma(t), t).subs(t, z)
    dz_dw1 = sp.diff(z, w[0, 0])
    return [sp.diff(L, w[0, 0]), dL_da * da_dz * dz_dw1]


@check(
    "bp-da",
    latex=r"da = \frac{\partial \mathcal{L}}{\partial a} = -y \cdot \frac{1}{a} - (1 - y) \cdot \frac{1}{1 - a} \cdot (-1) = -\frac{y}{a} + \frac{1 - y}{1 - a} .",
    where={"a": a},  # a as an independent variable
)
def _():
    return [
        sp.diff(loss(a, y), a),  # da, by its definition
        sp.diff(loss(a, y), a),
        -y * (1 / a) - (1 - y) * (1 / (1 - a)) * (-1),
        -y / a + (1 - y) / (1 - a),
    ]


@check(
    "bp-sigmoid-local",
    latex=r"\frac{\partial a}{\partial z} = \sigma'(z) = \frac{e^{-z}}{(1 + e^{-z})^2} = \sigma(z)\,\big(1 - \sigma(z)\big) = a\,(1 - a) .",
)
def _():
    s = sigma(t)
    return [sp.diff(s, t), sp.diff(sigma(t), t), sp.exp(-t) / (1 + sp.exp(-t)) ** 2, s * (1 - s), s * (1 - s)]


@check(
    "bp-split-first",
    latex=r"\frac{\partial}{\partial z}\big(-y \ln a\big) = -y \cdot \frac{1}{a} \cdot \frac{\partial a}{\partial z} = -\frac{y}{a}\, a\,(1 - a) = y\,(a - 1) .",
)
def _():
    s = sigma(t)  # a = sigma(z)
    return [sp.diff(-y * sp.log(s), t), -y * (1 / s) * sp.diff(s, t), -(y / s) * s * (1 - s), y * (s - 1)]


@check(
    "bp-split-second",
    latex=r"\begin{aligned} \frac{\partial}{\partial z}\big(-(1 - y) \ln(1 - a)\big) &= -(1 - y) \cdot \frac{1}{1 - a} \cdot \Big(-\frac{\partial a}{\partial z}\Big) \\ &= \frac{1 - y}{1 - a}\, a\,(1 - a) = (1 - y)\, a . \end{aligned}",
)
def _():
    s = sigma(t)
    return [
        sp.diff(-(1 - y) * sp.log(1 - s), t),
        -(1 - y) * (1 / (1 - s)) * (-sp.diff(s, t)),
        (1 - y) / (1 - s) * s * (1 - s),
        (1 - y) * s,
    ]


@check(
    "bp-dz-split",
    latex=r"dz = \frac{\partial \mathcal{L}}{\partial z} = y\,(a - 1) + (1 - y)\, a = y a - y + a - y a = a - y .",
)
def _():
    s = sigma(t)
    return [
        sp.diff(loss(s, y), t),  # dz, by its definition
        sp.diff(loss(s, y), t),
        y * (s - 1) + (1 - y) * s,
        sp.Add(y * s, -y, s, -y * s, evaluate=False),
        s - y,
    ]


@check(
    "bp-dz-chain",
    latex=r"\begin{aligned} dz = da\, \frac{\partial a}{\partial z} &= \Big(-\frac{y}{a} + \frac{1 - y}{1 - a}\Big)\, a\,(1 - a) \\ &= -y\,(1 - a) + (1 - y)\, a = a - y . \end{aligned}",
)
def _():
    s = sigma(t)
    da = sp.diff(loss(a, y), a).subs(a, s)
    return [
        sp.diff(loss(s, y), t),
        da * sp.diff(s, t),
        (-y / s + (1 - y) / (1 - s)) * s * (1 - s),
        -y * (1 - s) + (1 - y) * s,
        s - y,
    ]


@check(
    "bp-dw",
    latex=r"dw_j = \frac{\partial \mathcal{L}}{\partial z}\, \frac{\partial z}{\partial w_j} = dz\, \frac{\partial}{\partial w_j}\big(w_1 x_1 + w_2 x_2 + b\big) = x_j\, dz = x_j\,(a - y) .",
    where={
        "z": Z_OF_W,
        "dw_1": sp.diff(network(2)[4], network(2)[1][0, 0]),
        "dw_2": sp.diff(network(2)[4], network(2)[1][1, 0]),
        "contract": [({"j": j}, sp.Symbol(f"c_{j}", real=True)) for j in (1, 2)],  # as contract() does
    },
)
def _():
    x, w, b, z, L = network(2)
    dz = dz_at(z)
    written = w[0, 0] * x[0, 0] + w[1, 0] * x[1, 0] + b
    return contract(  # every j at once
        sp.Matrix([sp.diff(L, w[j, 0]) for j in range(2)]),
        sp.Matrix([dz * sp.diff(z, w[j, 0]) for j in range(2)]),
        sp.Matrix([dz * sp.diff(written, w[j, 0]) for j in range(2)]),
        sp.Matrix([x[j, 0] * dz for j in range(2)]),
        sp.Matrix([x[j, 0] * (sigma(z) - y) for j in range(2)]),
    )


@check(
    "bp-db",
    latex=r"db = \frac{\partial \mathcal{L}}{\partial z}\, \frac{\partial z}{\partial b} = dz \cdot 1 = a - y .",
    where={"z": Z_OF_W, "db": sp.diff(network(2)[4], network(2)[2])},
)
def _():
    x, w, b, z, L = network(2)
    dz = dz_at(z)
    return [sp.diff(L, b), dz * sp.diff(z, b), dz * 1, sigma(z) - y]


@check(
    "bp-dw-vector",
    latex=r"dw = \begin{bmatrix} dw_1 \\ dw_2 \\ \vdots \\ dw_{n_x} \end{bmatrix} = \begin{bmatrix} x_1\, dz \\ x_2\, dz \\ \vdots \\ x_{n_x}\, dz \end{bmatrix} = x\, dz ,",
)
def _():
    x, w, b, z, L = network(4)  # any n_x; four features here
    dz = dz_at(z)
    return contract(
        sp.Matrix([sp.diff(L, w[j, 0]) for j in range(4)]),
        sp.Matrix([x[j, 0] * dz for j in range(4)]),
        x * dz,
    )


# Derive it yourself: a class-weighted loss.

beta = sp.Symbol("beta", positive=True)


def weighted_loss(act, label):
    return -(beta * label * sp.log(act) + (1 - label) * sp.log(1 - act))


@check(
    "bp-weighted-dz",
    latex=r"\frac{\partial \mathcal{L}_\beta}{\partial z} = \Big(-\frac{\beta y}{a} + \frac{1 - y}{1 - a}\Big)\, a\,(1 - a) = -\beta y\,(1 - a) + (1 - y)\, a",
    where={"Lbeta": -(beta * y * sp.log(a) + (1 - y) * sp.log(1 - a))},
)
def _():
    a_of_z = sigma(t)
    return [
        sp.diff(weighted_loss(a_of_z, y), t),
        (-(beta * y) / a_of_z + (1 - y) / (1 - a_of_z)) * a_of_z * (1 - a_of_z),
        -beta * y * (1 - a_of_z) + (1 - y) * a_of_z,
    ]
