"""The grader's wire: plain data both ways, references for the rest, nothing unpickled."""

import io
import os
import struct
import threading

import numpy as np
import pytest

from autograder import wire
from chapterkit import testkit


@pytest.fixture
def pair():
    """Two channels connected by pipes."""
    a_read, b_write = os.pipe()
    b_read, a_write = os.pipe()
    files = [os.fdopen(a_read, "rb"), os.fdopen(a_write, "wb"), os.fdopen(b_read, "rb"), os.fdopen(b_write, "wb")]
    yield wire.Channel(files[0], files[1]), wire.Channel(files[2], files[3])
    for f in files:
        f.close()


def roundtrip(value):
    channel = wire.Channel(None, None)
    blobs = []
    data = channel.encode(value, blobs)
    return channel.decode(data, blobs)


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        3,
        -(2**70),
        1.5,
        float("inf"),
        "text",
        [1, [2.0, "x"]],
        (1, 2),
        {"dw": np.ones((3, 1)), "db": 0.5},
        np.float64(2.5),
        np.int32(7),
        np.bool_(True),
        np.arange(6).reshape(2, 3),
        np.zeros((0, 4)),
        1 + 2j,
    ],
)
def test_plain_data_survives_the_trip(value):
    back = roundtrip(value)
    if isinstance(value, dict):
        assert set(back) == set(value) and np.array_equal(back["dw"], value["dw"]) and back["db"] == value["db"]
    elif isinstance(value, np.ndarray):
        assert back.dtype == value.dtype and back.shape == value.shape and np.array_equal(back, value)
    else:
        assert back == value and type(back) is type(value)


def test_non_finite_numbers_survive_with_their_types():
    assert np.isnan(roundtrip(float("nan")))
    back = roundtrip(np.float64("inf"))
    assert back == np.inf and type(back) is np.float64
    assert type(roundtrip(np.float64(1.5))) is np.float64 and type(roundtrip(1.5)) is float


def test_only_an_offered_function_crosses_and_only_until_it_is_revoked():
    grader, worker = wire.Channel(None, None), wire.Channel(None, None, accept_offers=True)

    def stand_in(x):
        return x

    with pytest.raises(wire.NotPlainData, match="cannot cross"):
        grader.encode(stand_in, [])
    ref_id = grader.offer(stand_in)
    data = grader.encode({"propagate": stand_in}, [])
    ref = worker.decode(data, [])["propagate"]
    assert isinstance(ref, wire.Ref) and grader.offered[ref_id] is stand_in
    # Handed back (to another stand-in, say), it is the grader's own function again, while offered.
    assert grader.decode(worker.encode(ref, []), []) is stand_in
    grader.revoke([ref_id])
    with pytest.raises(wire.WireError, match="not offered"):
        grader.decode(worker.encode(ref, []), [])
    assert grader.offered == {}
    with pytest.raises(wire.NotPlainData):
        grader.encode(stand_in, [])
    # The grader never takes a reference from the worker, whatever it claims.
    with pytest.raises(wire.WireError):
        grader.decode({"$ref": 1}, [])


@pytest.mark.parametrize(
    "value",
    [
        np.array([object()]),
        np.array([(1, 2.0)], dtype="i4,f8"),
        np.float64,
        np.ndarray,
        type("Sub", (dict,), {})(),
        object(),
        np.datetime64("2020-01-01"),
    ],
)
def test_what_is_not_plain_data_never_crosses(value):
    with pytest.raises(wire.NotPlainData):
        wire.Channel(None, None).encode(value, [])


def test_object_arrays_pickles_and_lying_headers_are_refused_on_arrival():
    channel = wire.Channel(None, None)
    buffer = io.BytesIO()
    np.save(buffer, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(wire.WireError):
        channel.decode({"$array": 0}, [buffer.getvalue()])
    # A header that claims 2**40 numbers over a few bytes of data: refused before any allocation.
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(buffer, {"descr": "<f8", "fortran_order": False, "shape": (2**40,)})
    lying = buffer.getvalue() + bytes(16)
    with pytest.raises(wire.WireError, match="does not match"):
        channel.decode({"$array": 0}, [lying])


@pytest.mark.parametrize(
    "data",
    [
        [1, 2],
        {"$array": 3},
        {"$ref": 1},
        {"$weird": 1},
        {"$dict": [1]},
        {"$list": "x"},
        {"$list": [], "$dict": {}},
        {"$complex": [{"$list": []}, 1]},
        {"$bigint": "12x"},
        2**70,
        {"$scalar": "0"},
    ],
)
def test_malformed_values_are_refused(data):
    with pytest.raises(wire.WireError):
        wire.Channel(None, None).decode(data, [])


def test_oversized_and_broken_headers_are_refused():
    for raw in [struct.pack(">I", wire.MAX_HEADER + 1), struct.pack(">I", 3) + b"{]x"]:
        channel = wire.Channel(io.BytesIO(raw), None)
        with pytest.raises(wire.WireError):
            channel.receive()
    with pytest.raises(EOFError):
        wire.Channel(io.BytesIO(b"\x00\x00"), None).receive()


def test_a_call_writes_in_place_changes_back_and_serves_callbacks(pair):
    client, server = pair

    def serve():
        header, blobs = server.receive()
        received = []
        args = server.decode(header["args"], blobs, received)
        before = [a.copy() for a in received]
        args[0] *= 2  # the callee changes its argument in place
        callback = args[1]
        value = callback(10)  # and calls back a function it was given
        server.reply(value + 1, mutated=wire.changed_arrays(received, before))

    thread = threading.Thread(target=serve)
    thread.start()

    def serve_callbacks(channel, header, blobs):
        function = channel.offered[header["target"]["ref"]]
        channel.reply(function(*channel.decode(header["args"], blobs)))

    client.serve = serve_callbacks
    server.accept_offers = True
    array = np.arange(3.0)

    def triple(x):
        return x * 3

    client.offer(triple)
    assert client.call({"name": "f"}, [array, triple], {}) == 31
    thread.join()
    assert array.tolist() == [0.0, 2.0, 4.0]


def test_a_too_deep_or_too_long_value_is_refused_both_ways():
    channel = wire.Channel(None, None)
    deep = []
    for _ in range(wire.MAX_DEPTH + 5):
        deep = [deep]
    with pytest.raises(wire.NotPlainData):
        channel.encode(deep, [])
    data = {"$list": []}
    for _ in range(wire.MAX_DEPTH + 5):
        data = {"$list": [data]}
    with pytest.raises(wire.WireError):
        channel.decode(data, [])
    with pytest.raises(wire.WireError, match="too many"):
        channel.decode({"$list": [0] * (wire.MAX_ITEMS + 1)}, [])


@pytest.mark.parametrize("info", [{"type": 12, "message": ["x"]}, "not a dict", None, {"type": {"$x": 1}}])
def test_an_error_reply_of_any_shape_becomes_an_exception_with_text(info):
    error = wire.remote_exception(info)
    assert isinstance(error, Exception) and isinstance(str(error), str)
    name, message, trace = wire.error_fields(info)
    assert all(isinstance(x, str) for x in (name, message, trace))


def test_remote_errors_keep_builtin_types():
    error = wire.remote_exception({"type": "ZeroDivisionError", "message": "division by zero"})
    assert isinstance(error, ZeroDivisionError)
    other = wire.remote_exception({"type": "CustomError", "message": "boom"})
    assert isinstance(other, wire.RemoteError) and "CustomError: boom" in str(other)


def test_a_non_builtin_error_reads_as_a_builtin_one_does():
    # NumPy's UFuncTypeError is no builtin: it crosses as "Type: message", and the sentence must not repeat the type.
    sentences = []
    for kind in ("TypeError", "UFuncTypeError"):
        error = wire.remote_exception({"type": kind, "message": "Cannot cast ufunc 'divide' output"})

        def raises(error=error):
            raise error

        with pytest.raises(testkit.CheckFailed) as failure:
            testkit.call(raises)
        sentences.append(str(failure.value))
    assert sentences[0].endswith("raised TypeError: Cannot cast ufunc 'divide' output.")
    assert sentences[1] == sentences[0].replace("raised TypeError", "raised UFuncTypeError")
