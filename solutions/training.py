"""Gradient descent, prediction, and the whole model."""

import numpy as np

from ._checks import as_float_array, check_parameters, require_labels, require_matrix, require_nonempty
from .activation import sigmoid
from .backprop import initialize_with_zeros, propagate

COST_EVERY = 100  # iterations between recorded costs


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Batch gradient descent on the cross-entropy cost.

    .. math:: w \\leftarrow w - \\alpha\\, dw, \\qquad b \\leftarrow b - \\alpha\\, db

    Parameters
    ----------
    w : array (n_x, 1), initial weights; not modified
    b : float, initial bias
    X : array (n_x, m)
    Y : array (1, m) of 0/1 labels
    num_iterations : int >= 0
    learning_rate : float > 0, the step alpha
    print_cost : bool, print the cost every 100 iterations

    Returns
    -------
    params : dict with ``w`` (n_x, 1) and ``b`` (float) after the last update
    grads : dict with ``dw`` and ``db`` of the last iteration, computed before its update
    costs : list of floats, the cost at iterations 0, 100, 200, ...

    Exercise
    --------
    ``optimize`` in chapter ``07_training``, graded by ``test_optimize_update``,
    ``test_optimize_costs``, ``test_optimize_grads`` and
    ``test_optimize_inputs_unchanged``; its corpus is
    ``tests/corpus/07_training/optimize/``.
    """
    w, b, X, Y = check_parameters(w, b, X, Y)
    num_iterations = _count("num_iterations", num_iterations)
    learning_rate = _positive("learning_rate", learning_rate)
    grads = {"dw": None, "db": None}
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % COST_EVERY == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:f}")
    return {"w": w, "b": b}, grads, costs


def predict(w, b, X):
    """Hard 0/1 predictions: 1 where the probability exceeds one half.

    .. math:: \\hat y^{(i)} = \\mathbb{1}\\left[\\sigma(w^T x^{(i)} + b) > 0.5\\right]

    Returns
    -------
    float64 array (1, m) of 0.0 and 1.0.

    Exercise
    --------
    ``predict`` in chapter ``07_training``, graded by ``test_predict_threshold`` and
    ``test_predict_type_and_shape``; its corpus is
    ``tests/corpus/07_training/predict/``.
    """
    w, b, X = check_parameters(w, b, X)
    return (sigmoid(w.T @ X + b) > 0.5).astype(np.float64)


def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """Train logistic regression from zero weights and predict on both sets.

    Returns
    -------
    dict with ``costs``, ``Y_prediction_test``, ``Y_prediction_train``, ``w``, ``b``,
    ``learning_rate`` and ``num_iterations``.

    Exercise
    --------
    ``model`` in chapter ``07_training``, graded by
    ``test_model_trains_with_its_arguments``, ``test_model_results`` and
    ``test_model_inputs_unchanged``; its corpus is ``tests/corpus/07_training/model/``.
    """
    X_train = as_float_array("X_train", X_train)
    require_matrix("X_train", X_train, expected="(n_x, m_train)")
    require_nonempty("X_train", X_train)
    X_test = as_float_array("X_test", X_test)
    n_x = X_train.shape[0]
    require_matrix("X_test", X_test, rows=n_x, expected=f"(n_x, m_test) = ({n_x}, m_test), like X_train")
    Y_test = as_float_array("Y_test", Y_test)
    require_matrix("Y_test", Y_test, 1, X_test.shape[1], expected=f"(1, m_test) = (1, {X_test.shape[1]})")
    require_labels("Y_test", Y_test)
    w, b = initialize_with_zeros(n_x)
    params, _, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w, b = params["w"], params["b"]
    Y_prediction_train = predict(w, b, X_train)
    Y_prediction_test = predict(w, b, X_test)
    if print_cost:
        print(f"train accuracy: {accuracy(Y_prediction_train, Y_train):.2%}")
        print(f"test accuracy: {accuracy(Y_prediction_test, Y_test):.2%}")
    return {
        "costs": costs,
        "Y_prediction_test": Y_prediction_test,
        "Y_prediction_train": Y_prediction_train,
        "w": w,
        "b": b,
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
    }


def accuracy(Y_prediction, Y):
    """Fraction of predictions equal to the labels."""
    return float(np.mean(np.asarray(Y_prediction) == np.asarray(Y)))


def _count(name, value):
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or value < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {value!r}")
    return int(value)


def _positive(name, value):
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a positive number, got {value!r}") from None
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive number, got {value}")
    return value
