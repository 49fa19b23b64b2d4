# exercise: dL_dw
# diagnosis: counted twice
# Multiplies a - y by a(1 - a) once more.


def dL_dw(x, a, y):
    return x * (a - y) * a * (1 - a)
