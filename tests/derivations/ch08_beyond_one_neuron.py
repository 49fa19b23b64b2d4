"""Chapter 8: the L2-regularized gradient, and softmax regression's gradient and K = 2 case.

Sums over examples, features or classes are checked on small instances with
symbolic entries (m = 2 examples, n_x = 2 or 3 features, K = 3 classes). A
vector or matrix identity is checked through one scalar: the sum of its
entries, each weighted by its own free symbol c_..., which is the same on both
sides for every choice of the weights only if every entry is.
"""

import sympy as sp

from tests.derivations import check

lam, m_sym, alpha = sp.symbols("lambda m alpha", positive=True)


def sigma(t):
    return 1 / (1 + sp.exp(-t))


def contract(entries, name):
    """sum_e c_e * entry_e, one fresh weight symbol per entry."""
    weights = sp.symbols(f"c_{name}_0:{len(entries)}", real=True)
    return sum(c * e for c, e in zip(weights, entries))


# --- L2 regularization, on m = 2 examples with n_x = 2 features -------------------

M, N = 2, 2
w = sp.symbols("w_1:3", real=True)
b = sp.Symbol("b", real=True)
x = [[sp.Symbol(f"x_{j + 1}{i + 1}", real=True) for i in range(M)] for j in range(N)]  # x[j][i]: feature j, example i
y = sp.symbols("y_1:3", real=True)
z_reg = [sum(w[j] * x[j][i] for j in range(N)) + b for i in range(M)]
a_reg = [sigma(z) for z in z_reg]


def cross_entropy(a_i, y_i):
    return -(y_i * sp.log(a_i) + (1 - y_i) * sp.log(1 - a_i))


J_reg = sum(cross_entropy(a_reg[i], y[i]) for i in range(M)) / M + lam / (2 * M) * sum(wj**2 for wj in w)
dw_data = [sum((a_reg[i] - y[i]) * x[j][i] for i in range(M)) / M for j in range(N)]  # X (A - Y)^T / m
db_data = sum(a_reg[i] - y[i] for i in range(M)) / M


@check(
    "reg-stretch",
    latex=r"\frac{d}{dt} \ln\big(1 + e^{-t z}\big) = -\frac{z}{1 + e^{t z}}",
)
def _():
    t, z = sp.symbols("t z", real=True)
    return [sp.diff(sp.log(1 + sp.exp(-t * z)), t), -z / (1 + sp.exp(t * z))]


PENALTY_W = sp.symbols("v_1:4", real=True)  # w_1, w_2, w_3 of the penalty's check


@check(
    "reg-penalty-derivative",
    latex=r"\frac{\partial}{\partial w_j} \frac{\lambda}{2m} \sum_{k=1}^{n_x} w_k^2 = \frac{\lambda}{2m} \cdot 2 w_j = \frac{\lambda}{m} w_j",
    where={"n_x": 3, "w_j": PENALTY_W[1], **{f"w_{k + 1}": PENALTY_W[k] for k in range(3)}},  # n_x = 3, j = 2
)
def _():
    # n_x = 3, j = 2
    v = PENALTY_W
    return [
        sp.diff(lam / (2 * m_sym) * sum(vk**2 for vk in v), v[1]),
        lam / (2 * m_sym) * 2 * v[1],
        lam / m_sym * v[1],
    ]


@check(
    "reg-dw",
    latex=r"dw_\lambda = \frac{\partial J_\lambda}{\partial w} = \frac{1}{m} X (A - Y)^\top + \frac{\lambda}{m} w",
)
def _():
    gradient = contract([sp.diff(J_reg, wj) for wj in w], "w")
    return [gradient, gradient, contract([dw_data[j] + lam / M * w[j] for j in range(N)], "w")]


@check(
    "reg-db",
    latex=r"db_\lambda = \frac{\partial J_\lambda}{\partial b} = \frac{1}{m} \sum_{i=1}^{m} \big(a^{(i)} - y^{(i)}\big) = db",
    where={
        "db_lambda": sp.diff(J_reg, b),
        "J_lambda": J_reg,
        "m": M,
        "db": sp.diff(sum(cross_entropy(a_reg[i], y[i]) for i in range(M)) / M, b),
        **{f"a^({i + 1})": a_reg[i] for i in range(M)},
        **{f"y^({i + 1})": y[i] for i in range(M)},
    },
)
def _():
    J_data = sum(cross_entropy(a_reg[i], y[i]) for i in range(M)) / M
    return [sp.diff(J_reg, b), sp.diff(J_reg, b), db_data, sp.diff(J_data, b)]


@check(
    "reg-weight-decay",
    latex=r"w - \alpha\, dw_\lambda = w - \alpha \Big( dw + \frac{\lambda}{m} w \Big) = \Big( 1 - \frac{\alpha \lambda}{m} \Big) w - \alpha\, dw",
    # one component: w, dw and dw_lambda are its entries
    where={
        "w": sp.Symbol("w_j", real=True),
        "dw": sp.Symbol("dw_j", real=True),
        "dw_lambda": sp.Symbol("dw_j", real=True) + lam / m_sym * sp.Symbol("w_j", real=True),
    },
)
def _():
    # one component; every component is the same scalar identity
    wj, dwj = sp.symbols("w_j dw_j", real=True)
    dw_lambda = dwj + lam / m_sym * wj
    return [wj - alpha * dw_lambda, wj - alpha * (dwj + lam / m_sym * wj), (1 - alpha * lam / m_sym) * wj - alpha * dwj]


@check(
    "reg-sklearn",
    latex=r"C \sum_{i=1}^{m} \mathcal{L}\big(a^{(i)}, y^{(i)}\big) + \frac{1}{2} \lVert w \rVert^2 = \frac{m}{\lambda} J_\lambda(w, b) \qquad \text{with } C = \frac{1}{\lambda}",
)
def _():
    # S: the summed loss, N: ||w||^2; J_lambda = S / m + lambda N / (2 m)
    S, N2 = sp.symbols("S N", positive=True)
    C = 1 / lam
    return [C * S + N2 / 2, m_sym / lam * (S / m_sym + lam / (2 * m_sym) * N2)]


# --- softmax, with K = 3 classes ----------------------------------------------------

K = 3
zs = sp.symbols("z_1:4", real=True)
ys = sp.symbols("y_1:4", real=True)
one_hot_sum = {ys[2]: 1 - ys[0] - ys[1]}  # a one-hot label sums to 1


def softmax(scores):
    total = sum(sp.exp(s) for s in scores)
    return [sp.exp(s) / total for s in scores]


def log_sum_exp(scores):
    return sp.log(sum(sp.exp(s) for s in scores))


def delta(j, k):
    return 1 if j == k else 0


a_sm = softmax(zs)
loss_sm = -sum(ys[k] * sp.log(a_sm[k]) for k in range(K))


def entries(name, *ranges):
    """What contract(..., name) weighs, for reading the chapter: [({"j": 1, "k": 1}, c_name_0), ...].

    ``ranges`` are (index, count) pairs, the first varying slowest, as the checks list their entries.
    """
    import itertools

    names = [index for index, _ in ranges]
    points = list(itertools.product(*[range(1, count + 1) for _, count in ranges]))
    weights = sp.symbols(f"c_{name}_0:{len(points)}", real=True)
    return [(dict(zip(names, point)), weight) for point, weight in zip(points, weights)]


# The chapter's names for K = 3 classes (latex.evaluate): a_k, delta_jk, and the one-hot y_3.
SOFTMAX_NAMES = {
    "K": K,
    **{f"a_{k + 1}": a_sm[k] for k in range(K)},
    **{f"delta_{j + 1}{k + 1}": int(j == k) for j in range(K) for k in range(K)},
    "y_3": one_hot_sum[ys[2]],
    "L": loss_sm,
}


@check(
    "sm-shift",
    latex=r"\frac{e^{z_k - \gamma}}{\sum_{j=1}^{K} e^{z_j - \gamma}} = \frac{e^{-\gamma}\, e^{z_k}}{e^{-\gamma} \sum_{j=1}^{K} e^{z_j}} = \frac{e^{z_k}}{\sum_{j=1}^{K} e^{z_j}}",
    where={**SOFTMAX_NAMES, "contract": entries("k", ("k", K))},
)
def _():
    gamma = sp.Symbol("gamma", real=True)
    total = sum(sp.exp(z) for z in zs)
    sides = [
        [sp.exp(zs[k] - gamma) / sum(sp.exp(z - gamma) for z in zs) for k in range(K)],
        [sp.exp(-gamma) * sp.exp(zs[k]) / (sp.exp(-gamma) * total) for k in range(K)],
        a_sm,
    ]
    return [contract(side, "k") for side in sides]


@check(
    "sm-loss-logits",
    latex=r"\begin{aligned} \mathcal{L} = -\sum_{k=1}^{K} y_k \ln a_k &= -\sum_{k=1}^{K} y_k \Big( z_k - \ln \sum_{j=1}^{K} e^{z_j} \Big) \\ &= \ln \sum_{j=1}^{K} e^{z_j} - \sum_{k=1}^{K} y_k z_k \end{aligned}",
    where={"K": K, "L": loss_sm, **{f"a_{k + 1}": a_sm[k] for k in range(K)}, "y_3": one_hot_sum[ys[2]]},
)
def _():
    sides = [
        loss_sm,  # L, by its definition
        loss_sm,
        -sum(ys[k] * (zs[k] - log_sum_exp(zs)) for k in range(K)),
        log_sum_exp(zs) - sum(ys[k] * zs[k] for k in range(K)),
    ]
    return [side.subs(one_hot_sum) for side in sides]


@check(
    "sm-jacobian",
    latex=r"\frac{\partial a_j}{\partial z_k} = \frac{\delta_{jk}\, e^{z_j} \sum_{l=1}^{K} e^{z_l} - e^{z_j} e^{z_k}}{\Big(\sum_{l=1}^{K} e^{z_l}\Big)^2} = a_j \big(\delta_{jk} - a_k\big)",
    where={**SOFTMAX_NAMES, "contract": entries("jk", ("j", K), ("k", K))},
)
def _():
    total = sum(sp.exp(z) for z in zs)
    pairs = [(j, k) for j in range(K) for k in range(K)]
    return [
        contract([sp.diff(a_sm[j], zs[k]) for j, k in pairs], "jk"),
        contract(
            [(delta(j, k) * sp.exp(zs[j]) * total - sp.exp(zs[j]) * sp.exp(zs[k])) / total**2 for j, k in pairs], "jk"
        ),
        contract([a_sm[j] * (delta(j, k) - a_sm[k]) for j, k in pairs], "jk"),
    ]


# L as a function of a_1, ..., a_K, each a_k the softmax of z (SOFTMAX_NAMES)
LOSS_OF_A = -sum(ys[k] * sp.log(sp.Symbol(f"a_{k + 1}", positive=True)) for k in range(K))


@check(
    "sm-chain",
    latex=r"\begin{aligned} \frac{\partial \mathcal{L}}{\partial z_k} = \sum_{j=1}^{K} \frac{\partial \mathcal{L}}{\partial a_j} \frac{\partial a_j}{\partial z_k} &= \sum_{j=1}^{K} \Big( -\frac{y_j}{a_j} \Big) a_j \big(\delta_{jk} - a_k\big) \\ &= -y_k + a_k \sum_{j=1}^{K} y_j = a_k - y_k \end{aligned}",
    where={**SOFTMAX_NAMES, "L": LOSS_OF_A, "contract": entries("k", ("k", K))},
)
def _():
    a_free = sp.symbols("p_1:4", positive=True)  # a as free variables, to differentiate L(a)
    loss_of_a = -sum(ys[j] * sp.log(a_free[j]) for j in range(K))
    at_softmax = dict(zip(a_free, a_sm))
    sides = [
        [sp.diff(loss_sm, zs[k]) for k in range(K)],
        [
            sum(sp.diff(loss_of_a, a_free[j]).subs(at_softmax) * sp.diff(a_sm[j], zs[k]) for j in range(K))
            for k in range(K)
        ],
        [sum(-ys[j] / a_sm[j] * a_sm[j] * (delta(j, k) - a_sm[k]) for j in range(K)) for k in range(K)],
        [-ys[k] + a_sm[k] * sum(ys) for k in range(K)],
        [a_sm[k] - ys[k] for k in range(K)],
    ]
    return [contract(side, "k").subs(one_hot_sum) for side in sides]


def _scores():
    """K = 3 classes, n_x = 2 features, one example: z = W x + b."""
    W = [[sp.Symbol(f"W_{k + 1}{l + 1}", real=True) for l in range(2)] for k in range(K)]
    bias = sp.symbols("b_1:4", real=True)
    xs = sp.symbols("x_1:3", real=True)
    return [sum(W[k][l] * xs[l] for l in range(2)) + bias[k] for k in range(K)]


# sm-dW's names: z_k are the scores, a_k their softmax
SCORES_NAMES = {
    **{f"z_{k + 1}": score for k, score in enumerate(_scores())},
    **{f"a_{k + 1}": a for k, a in enumerate(softmax(_scores()))},
}


@check(
    "sm-dW",
    latex=r"\frac{\partial \mathcal{L}}{\partial W_{kl}} = \frac{\partial \mathcal{L}}{\partial z_k} \frac{\partial z_k}{\partial W_{kl}} = (a_k - y_k)\, x_l",
    where={**SOFTMAX_NAMES, **SCORES_NAMES, "contract": entries("kl", ("k", K), ("l", 2))},
)
def _():
    # K = 3 classes, n_x = 2 features, one example: z = W x + b
    n = 2
    W = [[sp.Symbol(f"W_{k + 1}{l + 1}", real=True) for l in range(n)] for k in range(K)]
    bias = sp.symbols("b_1:4", real=True)
    xs = sp.symbols("x_1:3", real=True)
    scores = [sum(W[k][l] * xs[l] for l in range(n)) + bias[k] for k in range(K)]
    at_scores = dict(zip(zs, scores))
    loss = loss_sm.subs(at_scores)
    pairs = [(k, l) for k in range(K) for l in range(n)]
    return [
        contract([sp.diff(loss, W[k][l]) for k, l in pairs], "kl").subs(one_hot_sum),
        contract([sp.diff(loss_sm, zs[k]).subs(at_scores) * sp.diff(scores[k], W[k][l]) for k, l in pairs], "kl").subs(
            one_hot_sum
        ),
        contract([(softmax(scores)[k] - ys[k]) * xs[l] for k, l in pairs], "kl").subs(one_hot_sum),
    ]


@check(
    "sm-two-classes",
    latex=r"\operatorname{softmax}(z)_1 = \frac{e^{z_1}}{e^{z_1} + e^{z_2}} = \frac{1}{1 + e^{-(z_1 - z_2)}} = \sigma(z_1 - z_2)",
)
def _():
    z1, z2 = zs[0], zs[1]
    return [softmax([z1, z2])[0], sp.exp(z1) / (sp.exp(z1) + sp.exp(z2)), 1 / (1 + sp.exp(-(z1 - z2))), sigma(z1 - z2)]


@check(
    "sm-two-class-loss",
    latex=r"\begin{aligned} -y_1 \ln a_1 - (1 - y_1) \ln a_2 = -\Big( &y_1 \ln \sigma(z_1 - z_2) \\ &+ (1 - y_1) \ln\big(1 - \sigma(z_1 - z_2)\big) \Big) \end{aligned}",
    where=dict(zip(["a_1", "a_2"], softmax(zs[:2]))),  # two classes
)
def _():
    z1, z2, y1 = zs[0], zs[1], ys[0]
    a1, a2 = softmax([z1, z2])
    return [
        -y1 * sp.log(a1) - (1 - y1) * sp.log(a2),
        -(y1 * sp.log(sigma(z1 - z2)) + (1 - y1) * sp.log(1 - sigma(z1 - z2))),
    ]


@check(
    "sm-dW-batch",
    latex=r"dW = \frac{1}{m} \sum_{i=1}^{m} \big(a^{(i)} - y^{(i)}\big)\, x^{(i)\top} = \frac{1}{m} (A - Y)\, X^\top",
)
def _():
    # K = 3 classes, n_x = 2 features, m = 2 examples; dW is the derivative of the mean loss.
    n, m = 2, 2
    W = sp.Matrix(K, n, lambda k, l: sp.Symbol(f"W_{k + 1}{l + 1}", real=True))
    bias = sp.Matrix(sp.symbols("b_1:4", real=True))
    X = sp.Matrix(n, m, lambda l, i: sp.Symbol(f"x_{l + 1}{i + 1}", real=True))
    Y = sp.Matrix(K, m, lambda k, i: sp.Symbol(f"y_{k + 1}{i + 1}", real=True))
    one_hot = {Y[K - 1, i]: 1 - sum(Y[k, i] for k in range(K - 1)) for i in range(m)}
    Z = W * X + bias * sp.ones(1, m)
    A = sp.Matrix.hstack(*[sp.Matrix(softmax(list(Z[:, i]))) for i in range(m)])
    cost = -sum(Y[k, i] * sp.log(A[k, i]) for k in range(K) for i in range(m)) / m
    pairs = [(k, l) for k in range(K) for l in range(n)]
    by_sum = sum(((A[:, i] - Y[:, i]) * X[:, i].T for i in range(m)), sp.zeros(K, n)) / m
    by_product = (A - Y) * X.T / m
    return [
        contract([sp.diff(cost, W[k, l]) for k, l in pairs], "dW").subs(one_hot),
        contract([by_sum[k, l] for k, l in pairs], "dW").subs(one_hot),
        contract([by_product[k, l] for k, l in pairs], "dW").subs(one_hot),
    ]
