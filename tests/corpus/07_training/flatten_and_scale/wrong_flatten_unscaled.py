# exercise: flatten_and_scale
# diagnosis: It is not scaled
# Flattened right, gray levels left 0 to 16.
import numpy as np


def flatten_and_scale(images):
    return images.reshape(len(images), 64).T.astype(np.float64)
