# class: a global that is a module, named like a numpy submodule
# --- honest
import numpy as np


def propagate(w, b, X, Y):
    # wrong on purpose: the gradients and the cost are all zero
    return {"dw": np.zeros_like(w, dtype=float), "db": 0.0}, 0.0

# --- attack
import sys
import types

# A module object the grader might import by its name, and one that exits when touched.
linalg = types.ModuleType("numpy.f2py.__main__")
testing = types.ModuleType("numpy.testing")
testing.assert_allclose = lambda *a, **k: None


class Exiting(types.ModuleType):
    def __getattr__(self, name):
        raise SystemExit(0)


random = Exiting("numpy.random")
sys.modules["numpy.random"] = random
