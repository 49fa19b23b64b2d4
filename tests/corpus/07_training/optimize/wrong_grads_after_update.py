# exercise: optimize
# diagnosis: propagate was called again after the last update
# Recomputes the gradients at the final parameters after the loop and returns those.
import numpy as np


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    grads = {"dw": None, "db": None}
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:f}")
    grads, _ = propagate(w, b, X, Y)
    return {"w": w, "b": b}, grads, costs
