# exercise: model
# Everything inline: no initialize_with_zeros, optimize, propagate or predict calls.
import numpy as np


def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    m = X_train.shape[1]
    w = np.zeros((X_train.shape[0], 1))
    b = 0.0
    costs = []
    for i in range(num_iterations):
        A = 1 / (1 + np.exp(-(w.T @ X_train + b)))
        if i % 100 == 0:
            costs.append(float(-np.mean(Y_train * np.log(A) + (1 - Y_train) * np.log(1 - A))))
        w = w - learning_rate * (X_train @ (A - Y_train).T) / m
        b = b - learning_rate * float(np.mean(A - Y_train))

    def labels(X):
        return (1 / (1 + np.exp(-(w.T @ X + b))) > 0.5).astype(np.float64)

    return {"costs": costs, "Y_prediction_test": labels(X_test), "Y_prediction_train": labels(X_train),
            "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}
