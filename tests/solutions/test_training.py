import numpy as np
import pytest

from solutions import model, optimize, predict, propagate


@pytest.fixture
def data(rng):
    X = rng.normal(size=(3, 40))
    Y = (np.array([[1.5, -2.0, 0.5]]) @ X + 0.3 + rng.normal(scale=0.5, size=(1, 40)) > 0).astype(float)
    return X, Y


def test_optimize_takes_plain_gradient_steps(data):
    X, Y = data
    w, b = np.array([[0.1], [-0.2], [0.3]]), 0.05
    params, grads, costs = optimize(w, b, X, Y, num_iterations=3, learning_rate=0.1)
    w_i, b_i = w, b
    for _ in range(3):
        g, _ = propagate(w_i, b_i, X, Y)
        last = g
        w_i, b_i = w_i - 0.1 * g["dw"], b_i - 0.1 * g["db"]
    np.testing.assert_allclose(params["w"], w_i, rtol=1e-15)
    assert params["b"] == pytest.approx(b_i, rel=1e-15)
    # grads are those of the last iteration, computed before its update
    np.testing.assert_allclose(grads["dw"], last["dw"], rtol=1e-15)
    assert grads["db"] == pytest.approx(last["db"], rel=1e-15)
    assert costs == [propagate(w, b, X, Y)[1]]


def test_optimize_records_cost_every_hundred_iterations_and_it_falls(data):
    X, Y = data
    _, _, costs = optimize(np.zeros((3, 1)), 0.0, X, Y, num_iterations=301, learning_rate=0.1)
    assert len(costs) == 4  # iterations 0, 100, 200, 300
    assert costs[0] == pytest.approx(np.log(2), rel=1e-15)
    assert all(later < earlier for earlier, later in zip(costs, costs[1:]))


def test_optimize_prints_when_asked(data, capsys):
    X, Y = data
    optimize(np.zeros((3, 1)), 0.0, X, Y, num_iterations=101, print_cost=True)
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"Cost after iteration 0: {np.log(2):f}", lines[1]] and lines[1].startswith(
        "Cost after iteration 100: "
    )


def test_optimize_leaves_its_inputs_alone(data):
    X, Y = data
    w = np.ones((3, 1))
    copies = w.copy(), X.copy(), Y.copy()
    optimize(w, 0.0, X, Y, num_iterations=5)
    for before, after in zip(copies, (w, X, Y)):
        np.testing.assert_array_equal(before, after)


def test_predict_thresholds_strictly_above_one_half():
    w = np.array([[1.0]])
    X = np.array([[-1.0, 0.0, 1e-20, 1.0]])
    # sigma(0) = 0.5 exactly, and sigma(1e-20) rounds to 0.5: neither is above one half.
    np.testing.assert_array_equal(predict(w, 0.0, X), [[0.0, 0.0, 0.0, 1.0]])
    assert predict(w, 0.0, X).dtype == np.float64


def test_model_returns_the_contract_dict(data):
    X, Y = data
    d = model(X[:, :30], Y[:, :30], X[:, 30:], Y[:, 30:], num_iterations=200, learning_rate=0.1)
    assert set(d) == {"costs", "Y_prediction_test", "Y_prediction_train", "w", "b", "learning_rate", "num_iterations"}
    assert d["Y_prediction_train"].shape == (1, 30) and d["Y_prediction_test"].shape == (1, 10)
    assert d["w"].shape == (3, 1) and isinstance(d["b"], float)
    assert len(d["costs"]) == 2 and d["learning_rate"] == 0.1 and d["num_iterations"] == 200


def test_model_reports_accuracy_when_printing(data, capsys):
    X, Y = data
    model(X[:, :30], Y[:, :30], X[:, 30:], Y[:, 30:], num_iterations=1, print_cost=True)
    out = capsys.readouterr().out
    assert "train accuracy:" in out and "test accuracy:" in out
