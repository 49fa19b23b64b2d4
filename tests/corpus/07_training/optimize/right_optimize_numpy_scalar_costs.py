# exercise: optimize
# A while loop, the parameters in a dictionary, the costs kept as NumPy scalars.
import numpy as np


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    params = {"w": w.copy(), "b": np.float64(b)}
    grads, costs, i = {"dw": None, "db": None}, [], 0
    while i < num_iterations:
        grads, cost = propagate(params["w"], params["b"], X, Y)
        if i % 100 == 0:
            costs.append(np.float64(cost))
        params = {"w": params["w"] - learning_rate * grads["dw"], "b": params["b"] - learning_rate * grads["db"]}
        i += 1
    return params, grads, costs
