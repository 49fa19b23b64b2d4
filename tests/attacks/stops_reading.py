# class: a worker that stops reading, then a 200 KB cell the grader must send
# notebook: then-big-cell
# --- honest
import numpy as np


def propagate(w, b, X, Y):
    # wrong on purpose: the gradients and the cost are all zero
    return {"dw": np.zeros_like(w, dtype=float), "db": 0.0}, 0.0

# --- attack
import os
import signal
import threading
import time


def _freeze():
    time.sleep(0.3)
    os.kill(os.getpid(), signal.SIGSTOP)  # the whole process stops: it reads nothing more


threading.Thread(target=_freeze, daemon=True).start()
