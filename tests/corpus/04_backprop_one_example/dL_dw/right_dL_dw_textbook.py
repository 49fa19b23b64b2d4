# exercise: dL_dw
# x (a - y), as the chapter writes it.


def dL_dw(x, a, y):
    return x * (a - y)
