# exercise: softmax_jacobian
# The formula entry by entry: a_j (delta_jk - a_k).
import numpy as np


def softmax_jacobian(a):
    K = a.shape[0]
    J = np.zeros((K, K))
    for j in range(K):
        for k in range(K):
            delta = 1.0 if j == k else 0.0
            J[j, k] = a[j, 0] * (delta - a[k, 0])
    return J
