# exercise: optimize
# A while loop with its own counter; b kept as a numpy float64 throughout, costs converted with float().
import numpy as np


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    w = np.array(w, dtype=np.float64)  # a private copy: in-place updates below cannot reach the caller
    b = np.float64(b)
    costs = []
    grads = {"dw": None, "db": None}
    step = 0
    while step < num_iterations:
        grads, cost = propagate(w, b, X, Y)
        if step % 100 == 0:
            costs.append(float(cost))
            if print_cost:
                print("Cost after iteration %i: %f" % (step, cost))
        w -= learning_rate * grads["dw"]
        b -= learning_rate * grads["db"]
        step += 1
    return {"w": w, "b": b}, grads, costs
