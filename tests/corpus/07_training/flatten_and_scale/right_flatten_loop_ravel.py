# exercise: flatten_and_scale
# One image at a time: ravel it (row by row) into its column.
import numpy as np


def flatten_and_scale(images):
    k = images.shape[0]
    X = np.zeros((64, k))
    for i in range(k):
        X[:, i] = images[i].ravel() / 16
    return X
