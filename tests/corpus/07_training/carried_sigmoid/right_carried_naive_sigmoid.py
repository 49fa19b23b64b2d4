# exercise: carried_sigmoid
# The carried cell (not an exercise of this chapter) holds the naive sigmoid, which warns about overflow: no points may be lost for it.
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=np.float64)))
