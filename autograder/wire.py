"""The messages between the grader and a sandboxed student process: plain data only.

A message is a JSON header followed by binary blobs, each an array's raw bytes
in C order; the header gives each array's blob, dtype and shape
(``{"$array": [blob, "<f8", [2, 1]]}``), checked before anything is allocated.
The byte order crosses as sent. Nothing is ever pickled, and no object
crosses by reference: a value is ``None``, a bool, number or string, an array of
numbers, or a list, tuple or dict (string keys) of those, nested at most
``MAX_DEPTH`` deep. Anything else is refused on the way out and on the way in.

The one exception is a function the grader *offers* (``Channel.offer``): a
test's stand-in in ``replaced(...)``, or a function a test passes to an
exercise (a cost function to differentiate). It crosses as a number the other
side can only ask to call, with plain-data arguments, until the grader revokes it.

This file runs on both sides of the sandbox, so it needs only the standard
library and numpy.
"""

import builtins
import json
import math
import re
import struct

import numpy as np

MAX_HEADER = 16 * 2**20  # bytes
MAX_BLOBS_TOTAL = 128 * 2**20  # bytes in one message: far more than any exercise needs
MAX_DEPTH = 64
MAX_ITEMS = 2**20  # values in one message, all containers together
MAX_TEXT = 4000  # characters of an error's type or message kept
MAX_DIMS = 32
_SIMPLE_KINDS = set("biufc")  # bool, int, uint, float, complex: arrays of these cross as raw bytes
# Byte order, kind, item size: no object, string, structured ("V", "(2,)f8") or other dtype can be named.
_DTYPE = re.compile(r"[<>|][biufc](?:1|2|4|8|16|32)")
_dtypes = {}  # dtype strings already checked: at most the few dozen _DTYPE allows


class WireError(RuntimeError):
    """A malformed or oversized message, or a value that is not plain data."""


class NotPlainData(TypeError):
    """A value this side was asked to send is not plain data (the sender's mistake, not the channel's)."""


class Ref:
    """A function the other side offered: calling it asks the other side to run it."""

    __slots__ = ("channel", "id")

    def __init__(self, channel, ref_id):
        self.channel, self.id = channel, ref_id

    def __call__(self, *args, **kwargs):
        return self.channel.call({"ref": self.id}, args, kwargs)

    def __repr__(self):
        return "<a function of the grader's tests>"


class Channel:
    """One end of the conversation, over two binary pipes."""

    def __init__(self, reader, writer, serve=None, accept_offers=False):
        self.reader, self.writer = reader, writer
        self.offered = {}  # ref id -> our function the other side may call, until revoked
        self._offer_ids = {}  # id(function) -> ref id, so one function has one number
        self._next_ref = 1
        self.accept_offers = accept_offers  # only the worker takes the grader's offers
        self.serve = serve  # handles requests that arrive while we wait for a reply

    # --- framing ----------------------------------------------------------------
    def send(self, header, blobs=()):
        header = dict(header, blobs=[len(b) for b in blobs])
        data = json.dumps(header, allow_nan=False).encode("utf-8")
        # One write: each is a system call, and on the grader's side a wait for the pipe too.
        self.writer.write(b"".join([struct.pack(">I", len(data)), data, *blobs]))
        self.writer.flush()

    def receive(self, max_blobs=MAX_BLOBS_TOTAL):
        size = struct.unpack(">I", self._read(4))[0]
        if size > MAX_HEADER:
            raise WireError(f"a message header of {size} bytes is too large")
        try:
            header = json.loads(self._read(size).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
            raise WireError(f"a malformed message header: {str(error)[:200]}") from None
        if not isinstance(header, dict):
            raise WireError("a malformed message header")
        sizes = header.get("blobs", [])
        if not isinstance(sizes, list) or not all(type(n) is int and n >= 0 for n in sizes):
            raise WireError("a malformed message header")
        if sum(sizes) > max_blobs:
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

    # --- offered functions --------------------------------------------------------
    def offer(self, function):
        """Let the other side call ``function`` (until ``revoke``); return its number."""
        if not callable(function):
            raise NotPlainData("only a function can be offered")
        ref_id = self._offer_ids.get(id(function))
        if ref_id is None:
            ref_id, self._next_ref = self._next_ref, self._next_ref + 1
            self._offer_ids[id(function)] = ref_id
            self.offered[ref_id] = function
        return ref_id

    def is_offered(self, value):
        return id(value) in self._offer_ids

    def revoke(self, ref_ids):
        for ref_id in ref_ids:
            function = self.offered.pop(ref_id, None)
            if function is not None:
                self._offer_ids.pop(id(function), None)

    # --- values -----------------------------------------------------------------
    def encode(self, value, blobs, arrays=None, depth=0):
        """``value`` as JSON-able data; arrays go to ``blobs`` (and to ``arrays``, to watch for writes)."""
        if depth > MAX_DEPTH:
            raise NotPlainData("a value nested too deeply to send")
        if value is None or isinstance(value, (bool, str)):
            return str(value) if isinstance(value, str) else value
        # numpy scalars first: np.float64 is also a float, and its type must survive.
        if isinstance(value, np.generic):
            if value.dtype.kind not in _SIMPLE_KINDS:
                raise NotPlainData(f"a numpy {value.dtype} cannot be sent; only numbers cross the sandbox")
            return {"$scalar": _blob(np.asarray(value), blobs)}
        if isinstance(value, int):
            value = int(value)
            return value if abs(value) < 2**63 else {"$bigint": str(value)}
        if isinstance(value, float):
            value = float(value)
            return value if math.isfinite(value) else {"$float": repr(value)}
        if isinstance(value, complex):
            return {"$complex": [self.encode(float(value.real), blobs), self.encode(float(value.imag), blobs)]}
        if isinstance(value, np.ndarray):
            if value.dtype.kind not in _SIMPLE_KINDS or value.dtype.hasobject or value.dtype.fields:
                raise NotPlainData(
                    f"an array of dtype {value.dtype} cannot be sent; only arrays of numbers cross the sandbox"
                )
            data = {"$array": _blob(value, blobs)}
            if arrays is not None:
                arrays.append(value)
            return data
        if type(value) in (list, tuple):
            items = [self.encode(v, blobs, arrays, depth + 1) for v in value]
            return {"$tuple": items} if isinstance(value, tuple) else {"$list": items}
        if type(value) is dict and all(type(k) is str for k in value):
            return {"$dict": {k: self.encode(v, blobs, arrays, depth + 1) for k, v in value.items()}}
        ref_id = self._offer_ids.get(id(value))
        if ref_id is not None and self.offered.get(ref_id) is value:
            return {"$ref": ref_id}
        if isinstance(value, Ref) and value.channel is self:
            return {"$ref": value.id}  # an offered function going back to its owner
        raise NotPlainData(
            f"a {type(value).__name__} cannot cross the sandbox: only plain data (numbers, arrays, lists, dicts) can"
        )

    def decode(self, data, blobs, arrays=None, depth=0, budget=None):
        """The value ``data`` stands for, checked against the schema above."""
        budget = budget if budget is not None else [MAX_ITEMS]
        budget[0] -= 1
        if budget[0] < 0:
            raise WireError("a message with too many values")
        if depth > MAX_DEPTH:
            raise WireError("a value nested too deeply")
        if data is None or isinstance(data, (bool, str)):
            return data
        if isinstance(data, (int, float)):
            if isinstance(data, int) and abs(data) >= 2**63:
                raise WireError("an integer out of range")
            return data
        if not isinstance(data, dict) or len(data) != 1:
            raise WireError("a malformed value")
        ((kind, inner),) = data.items()
        if kind == "$array":
            array = _load(blobs, inner)
            if arrays is not None:
                arrays.append(array)
            return array
        if kind == "$scalar":
            scalar = _load(blobs, inner)
            if scalar.ndim:
                raise WireError("a malformed number")
            return scalar[()]
        if kind in ("$list", "$tuple"):
            items = [self.decode(v, blobs, arrays, depth + 1, budget) for v in _items(inner)]
            return tuple(items) if kind == "$tuple" else items
        if kind == "$dict" and isinstance(inner, dict):
            return {k: self.decode(v, blobs, arrays, depth + 1, budget) for k, v in inner.items()}
        if kind == "$float" and inner in ("nan", "inf", "-inf"):
            return float(inner)
        if kind == "$bigint" and isinstance(inner, str) and len(inner) < 5000 and inner.lstrip("-").isdigit():
            return int(inner)
        if kind == "$complex":
            parts = _items(inner)
            if len(parts) != 2 or not all(type(p) is float or type(p) is int or isinstance(p, dict) for p in parts):
                raise WireError("a malformed complex number")
            real, imag = (self.decode(p, blobs, None, depth + 1, budget) for p in parts)
            if not all(isinstance(x, (int, float)) for x in (real, imag)):
                raise WireError("a malformed complex number")
            return complex(real, imag)
        if kind == "$ref" and type(inner) is int:
            if self.accept_offers:
                return Ref(self, inner)
            if inner in self.offered:
                return self.offered[inner]  # our own function, handed back while still offered
        if kind == "$ref":
            raise WireError("a reference to a function that is not offered")
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
        mutated = header.get("mutated", [])
        if not isinstance(mutated, list) or not all(
            isinstance(m, list) and len(m) == 2 and type(m[0]) is int for m in mutated
        ):
            raise WireError("a malformed list of changed arguments")
        for index, ref in mutated:
            if 0 <= index < len(sent_arrays):
                _write_back(sent_arrays[index], _load(blobs, ref))
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
            changed.append([index, _blob(array, blobs)])
        header["mutated"] = changed
        self.send(header, blobs)


class RemoteError(Exception):
    """An exception raised by code on the other side, of a type that has no builtin twin."""


_BUILTIN_ERRORS = {
    name: getattr(builtins, name)
    for name in [
        "ValueError",
        "TypeError",
        "ZeroDivisionError",
        "NotImplementedError",
        "NameError",
        "AttributeError",
        "IndexError",
        "KeyError",
        "RuntimeError",
        "OverflowError",
        "FloatingPointError",
        "ArithmeticError",
        "AssertionError",
        "MemoryError",
        "RecursionError",
        "UnboundLocalError",
        "LookupError",
        "Exception",
    ]
}


def error_fields(info):
    """(type, message, traceback) of an error the other side described, as bounded strings whatever it sent."""
    info = info if isinstance(info, dict) else {}

    def text(key, default, limit):
        value = info.get(key, default)
        return value[:limit] if isinstance(value, str) else default

    return text("type", "Error", 100), text("message", "", MAX_TEXT), text("traceback", "", 20000)


def remote_exception(info):
    """The exception to raise here for an error on the other side: a builtin type when it is one."""
    name, message, traceback_text = error_fields(info)
    kind = _BUILTIN_ERRORS.get(name)
    error = RemoteError(f"{name}: {message}") if kind is None else kind(message)
    error.remote_type = name
    error.remote_traceback = traceback_text
    return error


def describe_exception(error, traceback_text=""):
    return {"type": type(error).__name__, "message": str(error)[:4000], "traceback": traceback_text[-20000:]}


def changed_arrays(received, before):
    """[(index, array)] of the received arrays that differ from their copies taken before the call."""
    return [
        (i, a)
        for i, (a, b) in enumerate(zip(received, before))
        if a.shape != b.shape or not np.array_equal(a, b, equal_nan=True)
    ]


def _blob(array, blobs):
    """Append ``array``'s bytes (C order, whatever its layout) to ``blobs``; return its [blob, dtype, shape]."""
    descr = array.dtype.str
    if not _DTYPE.fullmatch(descr):
        raise NotPlainData(f"an array of dtype {array.dtype} cannot be sent; only arrays of numbers cross the sandbox")
    if array.ndim > MAX_DIMS:
        raise NotPlainData(f"an array of more than {MAX_DIMS} dimensions cannot be sent")
    blobs.append(array.tobytes(order="C"))  # (a 0-d array too: np.ascontiguousarray would make it 1-d)
    return [len(blobs) - 1, descr, list(array.shape)]


def _dtype(descr):
    if type(descr) is not str:
        raise WireError("a malformed array")
    dtype = _dtypes.get(descr)
    if dtype is None:
        if not _DTYPE.fullmatch(descr):
            raise WireError(f"an array of dtype {descr[:40]!r}")
        try:
            dtype = np.dtype(descr)
        except TypeError:  # "<i16": no such integer
            raise WireError(f"an array of dtype {descr!r}") from None
        if dtype.kind not in _SIMPLE_KINDS or dtype.fields is not None or dtype.subdtype or dtype.hasobject:
            raise WireError(f"an array of dtype {descr!r}")
        _dtypes[descr] = dtype
    return dtype


def _load(blobs, ref):
    """A fresh, writable, C-ordered array from ``[blob, dtype, shape]``: checked before any allocation."""
    if not (type(ref) is list and len(ref) == 3 and type(ref[0]) is int and type(ref[2]) is list):
        raise WireError("a malformed array")
    index, descr, shape = ref
    if not 0 <= index < len(blobs):
        raise WireError("a reference to data that was not sent")
    dtype = _dtype(descr)
    if len(shape) > MAX_DIMS or not all(type(n) is int and 0 <= n < 2**63 for n in shape):
        raise WireError("an array of a malformed shape")
    data = blobs[index]
    if math.prod(shape) * dtype.itemsize != len(data):  # Python ints: no overflow
        raise WireError("an array whose data does not match its shape")
    try:
        if dtype.kind == "b":  # a byte other than 0 or 1 is a bool numpy never makes: made True here
            return np.frombuffer(data, np.uint8).reshape(shape).astype(bool)
        # A copy: the message's bytes are read-only, and two arrays may name the same blob.
        return np.frombuffer(data, dtype).reshape(shape).copy()
    except ValueError as error:  # a shape numpy cannot hold, (0, 2**62) say
        raise WireError(f"a malformed array: {str(error)[:200]}") from None


def _items(value):
    if not isinstance(value, list):
        raise WireError("a malformed sequence")
    return value


def _write_back(original, new):
    if isinstance(original, np.ndarray) and original.flags.writeable and original.shape == new.shape:
        np.copyto(original, new, casting="unsafe")
