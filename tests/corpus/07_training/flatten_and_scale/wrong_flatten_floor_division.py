# exercise: flatten_and_scale
# diagnosis: floor division
# // rounds down.
import numpy as np


def flatten_and_scale(images):
    return images.reshape(len(images), 64).T // 16
