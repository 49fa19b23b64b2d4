# exercise: dL_dw
# diagnosis: dL_dw returns a row
# The right numbers as a row (1, n_x), the shape of x.T.


def dL_dw(x, a, y):
    return x.T * (a - y)
