# exercise: dL_dw
# diagnosis: Every value has the wrong sign
# (y - a) x.


def dL_dw(x, a, y):
    return x * (y - a)
