# exercise: sigmoid
# Clipping z to [-500, 500] avoids the overflow; the far left tail is then off by
# about 1e-218, far below the course's precision (a "going further" note, no points lost).
import numpy as np


def sigmoid(z):
    z = np.clip(np.asarray(z, dtype=np.float64), -500, 500)
    return 1.0 / (1.0 + np.exp(-z)) + 1e-300
