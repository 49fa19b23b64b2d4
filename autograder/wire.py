"""The messages between the grader and a sandboxed student process: plain data only.

A message is a JSON header followed by binary blobs, each an ``.npy`` file
(loaded with ``allow_pickle=False``). Nothing is ever pickled: a value that is
not plain data (a function, a stand-in object) crosses as a *reference*, a
number the other side can only ask its owner to call.

This file runs on both sides of the sandbox, so it needs only the standard
library and numpy.
"""

import builtins
import io
import json
import math
import struct

import numpy as np

MAX_HEADER = 16 * 2**20  # bytes
MAX_BLOBS_TOTAL = 128 * 2**20  # bytes in one message: far more than any exercise needs
MAX_DEPTH = 64
_SIMPLE_KINDS = set("biufc")  # bool, int, uint, float, complex: arrays of these cross as .npy


class WireError(RuntimeError):
    """A malformed or oversized message: the other side is broken or hostile."""


class Ref:
    """A value of the other side that could not cross as data (a function, an object)."""

    __slots__ = ("channel", "id", "kind")

    def __init__(self, channel, ref_id, kind):
        self.channel, self.id, self.kind = channel, ref_id, kind

    def __call__(self, *args, **kwargs):
        return self.channel.call({"ref": self.id}, args, kwargs)

    def __repr__(self):
        return f"<{self.kind} from the other process>"


class Channel:
    """One end of the conversation, over two binary pipes."""

    def __init__(self, reader, writer, serve=None):
        self.reader, self.writer = reader, writer
        self.exported = {}  # id -> our object the other side may call
        self.serve = serve  # handles requests that arrive while we wait for a reply

    # --- framing ----------------------------------------------------------------
    def send(self, header, blobs=()):
        header = dict(header, blobs=[len(b) for b in blobs])
        data = json.dumps(header, allow_nan=False).encode("utf-8")
        self.writer.write(struct.pack(">I", len(data)) + data)
        for blob in blobs:
            self.writer.write(blob)
        self.writer.flush()

    def receive(self):
        size = struct.unpack(">I", self._read(4))[0]
        if size > MAX_HEADER:
            raise WireError(f"a message header of {size} bytes is too large")
        try:
            header = json.loads(self._read(size).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise WireError(f"a malformed message header: {error}") from None
        sizes = header.get("blobs", [])
        if not isinstance(header, dict) or not isinstance(sizes, list) or not all(isinstance(n, int) and n >= 0 for n in sizes):
            raise WireError("a malformed message header")
        if sum(sizes) > MAX_BLOBS_TOTAL:
            raise WireError("a message with too much data")
        return header, [self._read(n) for n in sizes]

    def _read(self, n):
        chunks, left = [], n
        while left:
            chunk = self.reader.read(left)
            if not chunk:
                raise EOFError("the other process closed the channel")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    # --- values -----------------------------------------------------------------
    def encode(self, value, blobs, arrays=None, depth=0):
        """``value`` as JSON-able data; arrays go to ``blobs`` (and to ``arrays``, to watch for writes)."""
        if depth > MAX_DEPTH:
            raise WireError("a value nested too deeply to send")
        if value is None or isinstance(value, (bool, str)):
            return value
        # numpy scalars first: np.float64 is also a float, and its type must survive.
        if isinstance(value, np.generic) and value.dtype.kind in _SIMPLE_KINDS:
            blobs.append(_npy(np.asarray(value)))
            return {"$scalar": len(blobs) - 1}
        if isinstance(value, int):
            return value if abs(value) < 2**63 else {"$bigint": str(value)}
        if isinstance(value, float):
            return value if math.isfinite(value) else {"$float": repr(float(value))}
        if isinstance(value, complex):
            return {"$complex": [self.encode(value.real, blobs), self.encode(value.imag, blobs)]}
        if isinstance(value, np.ndarray) and value.dtype.kind in _SIMPLE_KINDS and not value.dtype.hasobject:
            blobs.append(_npy(value))
            if arrays is not None:
                arrays.append(value)
            return {"$array": len(blobs) - 1}
        if isinstance(value, (list, tuple)):
            items = [self.encode(v, blobs, arrays, depth + 1) for v in value]
            return {"$tuple": items} if isinstance(value, tuple) else {"$list": items}
        if isinstance(value, dict) and all(isinstance(k, str) for k in value):
            return {"$dict": {k: self.encode(v, blobs, arrays, depth + 1) for k, v in value.items()}}
        if isinstance(value, Ref) and value.channel is self:
            return {"$back": value.id}
        ref_id = len(self.exported) + 1
        self.exported[ref_id] = value
        return {"$ref": ref_id, "kind": "callable" if callable(value) else type(value).__name__}

    def decode(self, data, blobs, arrays=None, depth=0):
        if depth > MAX_DEPTH:
            raise WireError("a value nested too deeply")
        if data is None or isinstance(data, (bool, int, float, str)):
            return data
        if isinstance(data, list):
            raise WireError("a bare list in a message")
        if not isinstance(data, dict) or len(data) > 2:
            raise WireError("a malformed value")
        if "$array" in data:
            array = _load(blobs, data["$array"])
            if arrays is not None:
                arrays.append(array)
            return array
        if "$scalar" in data:
            return _load(blobs, data["$scalar"])[()]
        if "$list" in data:
            return [self.decode(v, blobs, arrays, depth + 1) for v in _items(data["$list"])]
        if "$tuple" in data:
            return tuple(self.decode(v, blobs, arrays, depth + 1) for v in _items(data["$tuple"]))
        if "$dict" in data and isinstance(data["$dict"], dict):
            return {str(k): self.decode(v, blobs, arrays, depth + 1) for k, v in data["$dict"].items()}
        if "$float" in data and data["$float"] in ("nan", "inf", "-inf"):
            return float(data["$float"])
        if "$bigint" in data and isinstance(data["$bigint"], str) and len(data["$bigint"]) < 5000:
            return int(data["$bigint"])
        if "$complex" in data:
            real, imag = _items(data["$complex"])[:2]
            return complex(self.decode(real, blobs), self.decode(imag, blobs))
        if "$back" in data:
            try:
                return self.exported[data["$back"]]
            except (KeyError, TypeError):
                raise WireError("a reference to an object we never sent") from None
        if "$ref" in data and isinstance(data["$ref"], int):
            return Ref(self, data["$ref"], str(data.get("kind", "object"))[:40])
        raise WireError("a value of an unknown kind")

    # --- calls --------------------------------------------------------------------
    def call(self, target, args, kwargs):
        """Ask the other side to call ``target`` ({"name": ...} or {"ref": ...}); return its result.

        Arrays passed in are watched: if the callee changes them in place, the
        change is written back here, as it would be within one process. Requests
        from the other side (callbacks) are served while we wait.
        """
        blobs, sent = [], []
        payload = {
            "op": "call",
            "target": target,
            "args": self.encode(list(args), blobs, sent),
            "kwargs": self.encode(dict(kwargs), blobs, sent),
        }
        self.send(payload, blobs)
        return self.wait_for_reply(sent)

    def wait_for_reply(self, sent_arrays=()):
        while True:
            header, blobs = self.receive()
            if header.get("op") == "reply":
                return self._unpack_reply(header, blobs, sent_arrays)
            if self.serve is None:
                raise WireError(f"an unexpected request {header.get('op')!r}")
            self.serve(self, header, blobs)

    def _unpack_reply(self, header, blobs, sent_arrays):
        for index, blob_index in header.get("mutated", []):
            if isinstance(index, int) and 0 <= index < len(sent_arrays):
                _write_back(sent_arrays[index], _load(blobs, blob_index))
        if "raise" in header:
            raise remote_exception(header["raise"])
        return self.decode(header.get("value"), blobs)

    def reply(self, value=None, error=None, mutated=()):
        """Answer a request: a value, or an exception, plus arrays the call changed in place."""
        blobs = []
        header = {"op": "reply"}
        if error is not None:
            header["raise"] = error
        else:
            header["value"] = self.encode(value, blobs)
        changed = []
        for index, array in mutated:
            blobs.append(_npy(array))
            changed.append([index, len(blobs) - 1])
        header["mutated"] = changed
        self.send(header, blobs)


class RemoteError(Exception):
    """An exception raised by code on the other side, of a type that has no builtin twin."""


_BUILTIN_ERRORS = {
    name: getattr(builtins, name)
    for name in [
        "ValueError", "TypeError", "ZeroDivisionError", "NotImplementedError", "NameError", "AttributeError",
        "IndexError", "KeyError", "RuntimeError", "OverflowError", "FloatingPointError", "ArithmeticError",
        "AssertionError", "MemoryError", "RecursionError", "UnboundLocalError", "LookupError", "Exception",
    ]
}


def remote_exception(info):
    """The exception to raise here for an error on the other side: a builtin type when it is one."""
    name = str(info.get("type", "Exception"))[:100]
    message = str(info.get("message", ""))[:4000]
    kind = _BUILTIN_ERRORS.get(name)
    if kind is None:
        error = RemoteError(f"{name}: {message}")
    else:
        error = kind(message)
    error.remote_type = name
    error.remote_traceback = str(info.get("traceback", ""))[:20000]
    return error


def describe_exception(error, traceback_text=""):
    return {"type": type(error).__name__, "message": str(error)[:4000], "traceback": traceback_text[-20000:]}


def changed_arrays(received, before):
    """[(index, array)] of the received arrays that differ from their copies taken before the call."""
    return [(i, a) for i, (a, b) in enumerate(zip(received, before)) if a.shape != b.shape or not np.array_equal(a, b, equal_nan=True)]


def _npy(array):
    buffer = io.BytesIO()
    # (np.ascontiguousarray would turn a 0-d array into a 1-d one.)
    np.save(buffer, array if array.flags.c_contiguous else array.copy(order="C"), allow_pickle=False)
    return buffer.getvalue()


def _load(blobs, index):
    if not isinstance(index, int) or not 0 <= index < len(blobs):
        raise WireError("a reference to data that was not sent")
    try:
        array = np.load(io.BytesIO(blobs[index]), allow_pickle=False)
    except Exception as error:  # numpy raises several kinds for a bad .npy
        raise WireError(f"a malformed array: {error}") from None
    if array.dtype.kind not in _SIMPLE_KINDS:
        raise WireError(f"an array of dtype {array.dtype}")
    return array


def _items(value):
    if not isinstance(value, list):
        raise WireError("a malformed sequence")
    return value


def _write_back(original, new):
    if isinstance(original, np.ndarray) and original.flags.writeable and original.shape == new.shape:
        np.copyto(original, new, casting="unsafe")
