# class: object, structured and pickled arrays in a reply
# --- honest
import numpy as np


def propagate(w, b, X, Y):
    # wrong on purpose: the gradients and the cost are all zero
    return {"dw": np.zeros_like(w, dtype=float), "db": 0.0}, 0.0

# --- attack
import pickle
import sys

wire = sys.modules["wire"]


def _pickled_blob(array, blobs):
    # The array's pickle as its bytes, under its own dtype's name (object, structured): loading
    # it with pickles allowed would run the payload.
    blobs.append(pickle.dumps(np.array([open], dtype=object)))
    return [len(blobs) - 1, array.dtype.str, list(array.shape)]


wire._blob = _pickled_blob
wire._SIMPLE_KINDS.update("OVMm")


def propagate(w, b, X, Y):
    dw = np.empty(w.shape, dtype=object)
    dw[...] = 0.0
    return {"dw": dw, "db": np.zeros(1, dtype="i4,f8")}, 0.0
