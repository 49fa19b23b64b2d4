# exercise: optimize
# diagnosis: once per iteration
# Calls propagate once, before the loop, and keeps stepping along that first gradient.
import numpy as np


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    grads, cost = propagate(w, b, X, Y)  # computed once, at the initial parameters
    costs = []
    for i in range(num_iterations):
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs
