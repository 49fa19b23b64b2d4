# exercise: flatten_and_scale
# diagnosis: changed its argument images
# The reshape is a view: /= divides the caller's images too.
import numpy as np


def flatten_and_scale(images):
    flat = images.reshape(images.shape[0], 64)
    flat /= 16
    return flat.T
