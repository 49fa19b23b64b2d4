"""The grader's wire: plain data both ways, references for the rest, nothing unpickled."""

import io
import os
import struct
import threading

import numpy as np
import pytest

from autograder import wire


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
    [None, True, 3, -2**70, 1.5, float("inf"), "text", [1, [2.0, "x"]], (1, 2), {"dw": np.ones((3, 1)), "db": 0.5},
     np.float64(2.5), np.int32(7), np.bool_(True), np.arange(6).reshape(2, 3), np.zeros((0, 4)), 1 + 2j],
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


def test_a_function_crosses_as_a_reference_and_comes_back_as_itself():
    channel = wire.Channel(None, None)
    blobs = []

    def f(x):
        return x

    data = channel.encode(f, blobs)
    assert data["$ref"] and channel.exported[data["$ref"]] is f
    ref = wire.Ref(channel, data["$ref"], "callable")
    assert channel.decode(channel.encode(ref, blobs), blobs) is f


def test_object_arrays_and_pickles_never_cross():
    channel = wire.Channel(None, None)
    blobs = []
    data = channel.encode(np.array([object()]), blobs)
    assert "$ref" in data  # an object array is not data: it stays a reference
    buffer = io.BytesIO()
    np.save(buffer, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(wire.WireError):
        channel.decode({"$array": 0}, [buffer.getvalue()])


@pytest.mark.parametrize(
    "data",
    [[1, 2], {"$array": 3}, {"$back": 99}, {"$weird": 1}, {"$dict": [1]}, {"$list": "x"}],
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
        function = channel.exported[header["target"]["ref"]]
        channel.reply(function(*channel.decode(header["args"], blobs)))

    client.serve = serve_callbacks
    array = np.arange(3.0)
    assert client.call({"name": "f"}, [array, lambda x: x * 3], {}) == 31
    thread.join()
    assert array.tolist() == [0.0, 2.0, 4.0]


def test_remote_errors_keep_builtin_types():
    error = wire.remote_exception({"type": "ZeroDivisionError", "message": "division by zero"})
    assert isinstance(error, ZeroDivisionError)
    other = wire.remote_exception({"type": "CustomError", "message": "boom"})
    assert isinstance(other, wire.RemoteError) and "CustomError: boom" in str(other)
