# class: a worker that stops reading, then a 200 KB cell the grader must send
# notebook: then-big-cell
# --- honest
import numpy as np


def propagate(w, b, X, Y):
    # wrong on purpose: the gradients and the cost are all zero
    return {"dw": np.zeros_like(w, dtype=float), "db": 0.0}, 0.0

# --- attack
import gc
import time

# From now on the worker never reads its pipe again, so the grader's next
# message (the 200 KB cell after this one) fills the pipe and cannot be written.
for channel in [o for o in gc.get_objects() if type(o).__name__ == "Channel"]:
    channel.receive = lambda *args, **kwargs: time.sleep(10**6)
