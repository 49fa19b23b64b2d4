# exercise: flatten_and_scale
# diagnosis: column by column
# images.T reverses all three axes: each image is read down its columns.
import numpy as np


def flatten_and_scale(images):
    return images.T.reshape(64, images.shape[0]) / 16
