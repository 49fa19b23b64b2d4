# exercise: flatten_and_scale
# diagnosis: divided by 255
# The photograph's scale.
import numpy as np


def flatten_and_scale(images):
    return images.reshape(len(images), 64).T / 255
