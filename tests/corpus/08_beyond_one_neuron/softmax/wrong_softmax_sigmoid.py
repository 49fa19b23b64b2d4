# exercise: softmax
# diagnosis: This is the sigmoid of each score
# Generalizes the sigmoid the wrong way: sigma(z_k) for each score separately.
import numpy as np


def softmax(Z):
    Z = np.asarray(Z, dtype=np.float64)
    return sigmoid(Z)
