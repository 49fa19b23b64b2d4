# exercise: sigmoid
# diagnosis: sigmoid should return float64
# Computes in float32 "to save memory": right shapes, but the wrong dtype (and float32 precision).
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=np.float32)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e)).astype(np.float32)
