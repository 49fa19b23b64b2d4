# exercise: dL_dw
# diagnosis: skipped the sigmoid's link
# da times x, without da/dz.


def dL_dw(x, a, y):
    return x * (-y / a + (1 - y) / (1 - a))
