# exercise: optimize
# The update in a helper function; the costs recorded before the update, the last grads kept in their own variable.
import numpy as np


def _descend(params, grads, rate):
    return {"w": params["w"] - rate * grads["dw"], "b": params["b"] - rate * grads["db"]}


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    params = {"w": w, "b": b}
    last = {"dw": None, "db": None}
    costs = []
    for i in range(num_iterations):
        last, cost = propagate(params["w"], params["b"], X, Y)
        if not i % 100:
            costs.append(cost)
        params = _descend(params, last, learning_rate)
    return params, last, costs
