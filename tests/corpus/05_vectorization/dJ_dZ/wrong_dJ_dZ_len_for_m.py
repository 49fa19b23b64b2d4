# exercise: dJ_dZ
# diagnosis: m is the number of columns
# len(A) counts rows: it is 1, so nothing is divided.
import numpy as np


def dJ_dZ(A, Y):
    m = len(A)
    return (A - Y) / m
