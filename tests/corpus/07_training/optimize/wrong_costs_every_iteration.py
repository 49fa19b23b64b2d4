# exercise: optimize
# diagnosis: You recorded the cost at every iteration
# Appends the cost at every iteration, not every 100.
import numpy as np


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    grads = {"dw": None, "db": None}
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        costs.append(cost)
        if print_cost and i % 100 == 0:
            print(f"Cost after iteration {i}: {cost:f}")
    return {"w": w, "b": b}, grads, costs
