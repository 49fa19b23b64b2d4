# exercise: sigmoid
from scipy.special import expit


def sigmoid(z):
    return expit(z)
