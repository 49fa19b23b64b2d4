"""Reference solutions for the course's exercises.

Shapes follow one convention throughout: one example per column.
``X`` is (n_x, m), ``Y`` is (1, m) of 0/1 labels, ``w`` is (n_x, 1), ``b`` is a float.
Bad input raises ``ValueError`` naming the argument and the expected shape;
no function modifies its inputs.

This package is the grader's independent oracle, written apart from the
chapters' solution cells on purpose. The hidden tests compare a student's
function with it, the corpus test requires the chapter's own solution to agree
with it, and scikit-learn checks it in turn (``tests/solutions``): a slip in a
chapter's solution therefore fails a test instead of becoming the standard
students are graded against, which a copy of the chapters' code could never
catch. It imports nothing else of the course, so the book and the grader can
both rely on it. Each exercise's function ends its docstring with an
``Exercise`` section: its chapter, the test cells that grade it and its corpus
folder (``tests/chapterkit/test_exercises.py`` holds the index to the chapters).
"""

from .activation import sigmoid, sigmoid_derivative
from .backprop import backward_single, forward, initialize_with_zeros, propagate, propagate_loop
from .images import flatten_and_scale
from .loss import cost, cost_from_logits, loss
from .numerical import gradient_check, numerical_gradient, relative_error
from .regularization import dR_dw, propagate_l2
from .softmax import softmax, softmax_cost, softmax_cost_gradient, softmax_jacobian
from .steps import dL_da, dL_dw, dL_dz, dlogc_da, dsigma_du, du_dz
from .training import accuracy, model, optimize, predict
from .vectorized_steps import dJ_dw_from_dZ, dJ_dZ

__all__ = [
    "sigmoid",
    "sigmoid_derivative",
    "dsigma_du",
    "du_dz",
    "dL_dz",
    "dlogc_da",
    "dL_da",
    "dL_dw",
    "loss",
    "cost",
    "cost_from_logits",
    "backward_single",
    "initialize_with_zeros",
    "propagate",
    "propagate_loop",
    "forward",
    "dJ_dZ",
    "dJ_dw_from_dZ",
    "numerical_gradient",
    "relative_error",
    "gradient_check",
    "optimize",
    "predict",
    "model",
    "accuracy",
    "flatten_and_scale",
    "propagate_l2",
    "dR_dw",
    "softmax",
    "softmax_cost",
    "softmax_cost_gradient",
    "softmax_jacobian",
]
