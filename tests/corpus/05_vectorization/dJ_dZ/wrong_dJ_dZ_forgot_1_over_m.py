# exercise: dJ_dZ
# diagnosis: m = 5 times too large
# Chapter 4's a - y, without the mean's 1/m.
import numpy as np


def dJ_dZ(A, Y):
    return A - Y
