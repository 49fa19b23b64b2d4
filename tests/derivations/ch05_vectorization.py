"""Chapter 5: the vectorized forward pass, cost and gradients, for n_x = 2 features and m = 3 examples.

Every entry of X, Y, w and b is a symbol, so each check is an identity in all of
them, not a spot check at one point. A matrix equation is reduced to one scalar
by ``contract``: both sides are multiplied entrywise by a matrix of fresh symbols
c_jk and summed. That sum vanishes identically in the c_jk exactly when every
entry of the difference vanishes, so two matrices pass only if they have the
same shape and are equal entry by entry.
"""

import sympy as sp

from tests.derivations import check

N_X, M = 2, 3

# X[j, i] is feature j of example i: one example per column.
X = sp.Matrix(N_X, M, lambda j, i: sp.Symbol(f"x_{j + 1}^({i + 1})", real=True))
Y = sp.Matrix(1, M, lambda _, i: sp.Symbol(f"y^({i + 1})", real=True))
w = sp.Matrix(N_X, 1, lambda j, _: sp.Symbol(f"w_{j + 1}", real=True))
b = sp.Symbol("b", real=True)
ones = sp.ones(1, M)  # what "+ b" means for a row: b added to every entry (broadcasting)

# Independent symbols for the per-example logits and errors, where a derivative
# with respect to z^(i) is taken, or where dZ is any row of numbers.
z = [sp.Symbol(f"z^({i + 1})", real=True) for i in range(M)]
dz = [sp.Symbol(f"dz^({i + 1})", real=True) for i in range(M)]


def sigma(t):
    return 1 / (1 + sp.exp(-t))


def loss(a, y):
    return -(y * sp.log(a) + (1 - y) * sp.log(1 - a))


WHERE = {"L()": loss}  # the chapter's L(a, y), for reading its equations (latex.evaluate)


def column(i):
    """Example i, x^(i), as an (n_x, 1) column."""
    return X[:, i]


def logits():
    """z^(i) = w^T x^(i) + b for each example, as expressions in w, b and X."""
    return [(w.T * column(i))[0, 0] + b for i in range(M)]


def cost():
    """J(w, b) = (1/m) sum_i L(sigma(z^(i)), y^(i)), as an expression in w, b, X and Y."""
    return sum(loss(sigma(zi), Y[0, i]) for i, zi in enumerate(logits())) / M


def contract(*matrices):
    """Each matrix as the scalar sum_jk c_jk M_jk, with the same symbols c_jk for all of them."""
    shape = matrices[0].shape
    for matrix in matrices:
        assert matrix.shape == shape, f"the sides have different shapes: {[m.shape for m in matrices]}"
    c = sp.Matrix(*shape, lambda j, k: sp.Symbol(f"c_{j}{k}", real=True))
    return [
        sum((c[j, k] * matrix[j, k] for j in range(shape[0]) for k in range(shape[1])), sp.S.Zero)
        for matrix in matrices
    ]


@check(
    "vec-forward-z",
    latex=r"\begin{aligned} Z = w^\top X + b &= \begin{bmatrix} w^\top x^{(1)} + b & w^\top x^{(2)} + b & \cdots & w^\top x^{(m)} + b \end{bmatrix} \\ &= \begin{bmatrix} z^{(1)} & z^{(2)} & \cdots & z^{(m)} \end{bmatrix} . \end{aligned}",
)
def _():
    matrix_form = w.T * X + b * ones
    per_example = sp.Matrix([[(w.T * column(i))[0, 0] + b for i in range(M)]])
    return contract(matrix_form, per_example, sp.Matrix([logits()]))


@check(
    "vec-cost-matrix",
    latex=r"\begin{aligned} J &= -\frac{1}{m} \Big( Y\, (\ln A)^\top + (1 - Y)\, \big(\ln(1 - A)\big)^\top \Big) \\ &= -\frac{1}{m} \sum_{i=1}^{m} \Big( y^{(i)} \ln a^{(i)} + \big(1 - y^{(i)}\big) \ln\big(1 - a^{(i)}\big) \Big) . \end{aligned}",
)
def _():
    A = (w.T * X + b * ones).applyfunc(sigma)
    matrix_form = -(Y * A.applyfunc(sp.log).T + (ones - Y) * (ones - A).applyfunc(sp.log).T) / M
    assert matrix_form.shape == (1, 1)  # a row times a column: one number
    summed = -sum(Y[0, i] * sp.log(A[0, i]) + (1 - Y[0, i]) * sp.log(1 - A[0, i]) for i in range(M)) / M
    return [cost(), matrix_form[0, 0], summed]


@check(
    "vec-loss-from-z",
    latex=r"\begin{aligned} \mathcal{L}(\sigma(z), y) &= -y \ln \sigma(z) - (1 - y) \ln\big(1 - \sigma(z)\big) \\ &= y \ln\big(1 + e^{-z}\big) + (1 - y) \ln\big(1 + e^{z}\big) . \end{aligned}",
)
def _():
    t, y = sp.Symbol("z", real=True), sp.Symbol("y", real=True)
    return [
        loss(sigma(t), y),
        -y * sp.log(sigma(t)) - (1 - y) * sp.log(1 - sigma(t)),
        y * sp.log(1 + sp.exp(-t)) + (1 - y) * sp.log(1 + sp.exp(t)),
    ]


@check(
    "vec-dcost-dz",
    latex=r"\frac{\partial J}{\partial z^{(i)}} = \frac{1}{m}\, \frac{\partial \mathcal{L}\big(a^{(i)}, y^{(i)}\big)}{\partial z^{(i)}} = \frac{1}{m} \big( a^{(i)} - y^{(i)} \big) = \frac{1}{m}\, dz^{(i)} .",
    where={
        "m": M,
        "J": sum(loss(sigma(z[i]), Y[0, i]) for i in range(M)) / M,  # J of z^(1), ..., z^(m)
        **{f"a^({i + 1})": sigma(z[i]) for i in range(M)},
        **{f"dz^({i + 1})": sp.diff(loss(sigma(z[i]), Y[0, i]), z[i]) for i in range(M)},  # chapter 4's dz
        "contract": [({"i": i + 1}, sp.Symbol(f"c_0{i}", real=True)) for i in range(M)],  # as contract() weighs a row
    },
)
def _():
    # J as a function of independent z^(1), ..., z^(m); every i at once.
    J = sum(loss(sigma(z[i]), Y[0, i]) for i in range(M)) / M
    partials = sp.Matrix([[sp.diff(J, z[i]) for i in range(M)]])
    own_term = sp.Matrix([[sp.diff(loss(sigma(z[i]), Y[0, i]), z[i]) / M for i in range(M)]])
    errors = sp.Matrix([[(sigma(z[i]) - Y[0, i]) / M for i in range(M)]])
    return contract(partials, own_term, errors, errors)  # dz^(i) = a^(i) - y^(i), chapter 4


@check(
    "vec-dw-sum",
    latex=r"dw = \frac{\partial J}{\partial w} = \sum_{i=1}^{m} \frac{\partial J}{\partial z^{(i)}}\, \frac{\partial z^{(i)}}{\partial w} = \frac{1}{m} \sum_{i=1}^{m} x^{(i)}\, dz^{(i)} .",
)
def _():
    J = cost()
    gradient = sp.Matrix([sp.diff(J, w[j, 0]) for j in range(N_X)])
    # the chain rule along each path w -> z^(i) -> J, summed over the paths
    J_of_z = sum(loss(sigma(z[i]), Y[0, i]) for i in range(M)) / M
    at_logits = dict(zip(z, logits()))
    chain = sp.zeros(N_X, 1)
    for i, zi in enumerate(logits()):
        dzi_dw = sp.Matrix([sp.diff(zi, w[j, 0]) for j in range(N_X)])
        dJ_dzi = sp.simplify(sp.diff(J_of_z, z[i]))  # a function of z^(i) alone: simplify it before substituting
        chain += dJ_dzi.subs(at_logits) * dzi_dw
    average = sum((column(i) * (sigma(zi) - Y[0, i]) for i, zi in enumerate(logits())), sp.zeros(N_X, 1)) / M
    return contract(gradient, chain, average)


@check(
    "vec-dw-entry",
    latex=r"\big(X\, dZ^\top\big)_j = \sum_{i=1}^{m} X_{j i}\, \big(dZ^\top\big)_{i 1} = \sum_{i=1}^{m} x^{(i)}_j\, dz^{(i)} .",
)
def _():
    dZ = sp.Matrix([dz])  # any row of m errors
    product = X * dZ.T
    row_times_column = sp.Matrix([sum(X[j, i] * dZ.T[i, 0] for i in range(M)) for j in range(N_X)])
    feature_times_error = sp.Matrix([sum(column(i)[j, 0] * dz[i] for i in range(M)) for j in range(N_X)])
    return contract(product, row_times_column, feature_times_error)  # every j at once


@check(
    "vec-dw-columns",
    latex=r"X\, dZ^\top = x^{(1)} dz^{(1)} + x^{(2)} dz^{(2)} + \dots + x^{(m)} dz^{(m)} = \sum_{i=1}^{m} x^{(i)}\, dz^{(i)} .",
)
def _():
    dZ = sp.Matrix([dz])
    written_out = column(0) * dz[0] + column(1) * dz[1] + column(2) * dz[2]
    summed = sum((column(i) * dz[i] for i in range(M)), sp.zeros(N_X, 1))
    return contract(X * dZ.T, written_out, summed)


@check(
    "vec-dw",
    latex=r"dw = \frac{1}{m} \sum_{i=1}^{m} x^{(i)}\, dz^{(i)} = \frac{1}{m}\, X\, dZ^\top = \frac{1}{m}\, X\, (A - Y)^\top .",
)
def _():
    A = sp.Matrix([[sigma(zi) for zi in logits()]])
    dZ = A - Y
    average = sum((column(i) * dZ[0, i] for i in range(M)), sp.zeros(N_X, 1)) / M
    return contract(average, X * dZ.T / M, X * (A - Y).T / M)


@check(
    "vec-db",
    latex=r"db = \frac{\partial J}{\partial b} = \sum_{i=1}^{m} \frac{\partial J}{\partial z^{(i)}}\, \frac{\partial z^{(i)}}{\partial b} = \frac{1}{m} \sum_{i=1}^{m} dz^{(i)} = \frac{1}{m} \sum_{i=1}^{m} \big(a^{(i)} - y^{(i)}\big) .",
    where={
        "m": M,
        "J": sum(loss(sigma(z[i]), Y[0, i]) for i in range(M)) / M,  # J of z^(1), ..., z^(m)
        "db": sp.diff(cost(), b),
        **{f"z^({i + 1})": zi for i, zi in enumerate(logits())},
        **{f"a^({i + 1})": sigma(z[i]) for i in range(M)},
        **{f"dz^({i + 1})": sp.diff(loss(sigma(z[i]), Y[0, i]), z[i]) for i in range(M)},  # chapter 4's dz
    },
)
def _():
    J_of_z = sum(loss(sigma(z[i]), Y[0, i]) for i in range(M)) / M
    at_logits = dict(zip(z, logits()))
    chain = sum(sp.simplify(sp.diff(J_of_z, z[i])).subs(at_logits) * sp.diff(zi, b) for i, zi in enumerate(logits()))
    errors = [sigma(zi) - Y[0, i] for i, zi in enumerate(logits())]
    return [sp.diff(cost(), b), sp.diff(cost(), b), chain, sum(errors) / M, sum(errors) / M]  # db, by its definition
