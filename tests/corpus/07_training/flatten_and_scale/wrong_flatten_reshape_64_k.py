# exercise: flatten_and_scale
# diagnosis: each column mixes several images
# Reshapes straight to (64, k): the right shape, pixels of several images in each column.
import numpy as np


def flatten_and_scale(images):
    return images.reshape(64, images.shape[0]) / 16
