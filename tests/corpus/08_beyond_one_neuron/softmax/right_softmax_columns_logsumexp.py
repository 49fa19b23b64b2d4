# exercise: softmax
# A loop over the columns, each normalized through its log-sum-exp: exp(z - logsumexp(z)).
import numpy as np


def softmax(Z):
    Z = np.asarray(Z, dtype=np.float64)
    A = np.empty_like(Z)
    for i in range(Z.shape[1]):
        column = Z[:, i]
        A[:, i] = np.exp(column - np.logaddexp.reduce(column))
    return A
