# exercise: flatten_and_scale
# Axes moved first, (8, 8, k), then a column-major reshape: pixel (r, c) at 8r + c again.
import numpy as np


def flatten_and_scale(images):
    k = len(images)
    moved = np.transpose(images, (2, 1, 0))  # (cols, rows, k)
    return np.reshape(moved, (64, k), order="F") / 16.0
