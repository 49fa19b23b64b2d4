# class: values that lie: subclasses of float, dict and ndarray, huge and deep results
# --- honest
import numpy as np


def propagate(w, b, X, Y):
    # wrong on purpose: the gradients and the cost are all zero
    return {"dw": np.zeros_like(w, dtype=float), "db": 0.0}, 0.0

# --- attack
class AlwaysEqual(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__

    def __repr__(self):
        return "0.5"


class Grads(dict):
    def __getitem__(self, key):
        return np.ones((2, 1))


class Sneaky(np.ndarray):
    def __array_finalize__(self, obj):
        pass


_calls = [0]


def propagate(w, b, X, Y):
    _calls[0] += 1
    kind = _calls[0] % 4
    if kind == 0:
        return Grads(dw=np.zeros_like(w).view(Sneaky), db=AlwaysEqual(0)), AlwaysEqual(0)
    if kind == 1:
        deep = []
        for _ in range(100000):
            deep = [deep]
        return deep, 0.0
    if kind == 2:
        return {"dw": np.zeros((4096, 4096)), "db": 0.0}, 0.0
    return {str(i): i for i in range(2**21)}, 0.0
