# exercise: flatten_and_scale
# diagnosis: one image per row
# scikit-learn's layout, (k, 64), not transposed.
import numpy as np


def flatten_and_scale(images):
    return images.reshape(images.shape[0], 64) / 16
