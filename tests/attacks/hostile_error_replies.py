# class: error replies and results of the wrong shape (non-string types, malformed lists)
# --- honest
import numpy as np


def propagate(w, b, X, Y):
    # wrong on purpose: the gradients and the cost are all zero
    return {"dw": np.zeros_like(w, dtype=float), "db": 0.0}, 0.0

# --- attack
import sys

wire = sys.modules["wire"]
wire.describe_exception = lambda error, traceback_text="": {"type": 123, "message": ["not", "text"], "traceback": {"": 0}}
_reply = wire.Channel.reply


def reply(self, value=None, error=None, mutated=()):
    # A cell's result with no text where text belongs.
    if isinstance(value, dict) and "stdout" in value:
        value = {"stdout": ["a", "list"], "stderr": 7, "error": {"type": None, "message": 3.5}}
    return _reply(self, value, error, mutated)


wire.Channel.reply = reply


def propagate(w, b, X, Y):
    raise ValueError("wrong")
