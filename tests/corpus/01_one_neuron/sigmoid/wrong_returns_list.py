# exercise: sigmoid
# Elementwise in a Python loop, returning a list: the values are right, the shapes are not.
import math


def sigmoid(z):
    try:
        return [1.0 / (1.0 + math.exp(-float(v))) for v in z]
    except TypeError:
        return 1.0 / (1.0 + math.exp(-float(z)))
