# exercise: dL_dw
# diagnosis: You returned dz = a - y alone
# Stops one link short: dz, without dz/dw = x.


def dL_dw(x, a, y):
    return a - y
