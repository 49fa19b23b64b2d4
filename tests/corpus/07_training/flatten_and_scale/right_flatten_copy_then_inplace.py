# exercise: flatten_and_scale
# A float copy first, so the in-place division touches only its own array.
import numpy as np


def flatten_and_scale(images):
    X = np.array(images, dtype=float).reshape(len(images), -1).T
    X /= 16
    return X
