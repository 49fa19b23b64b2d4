"""The grader's wire: plain data both ways, references for the rest, nothing unpickled."""

import io
import math
import os
import pickle
import struct
import threading
import tracemalloc

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
        np.array(["text"]),
        np.zeros((1,) * (wire.MAX_DIMS + 1)),
    ],
)
def test_what_is_not_plain_data_never_crosses(value):
    with pytest.raises(wire.NotPlainData):
        wire.Channel(None, None).encode(value, [])


SIMPLE_DTYPES = ["|b1", "|i1", "<i2", "<i4", "<i8", "|u1", "<u2", "<u4", "<u8", "<f2", "<f4", "<f8", "<c8", "<c16"]


@pytest.mark.parametrize("dtype", SIMPLE_DTYPES + [np.dtype(np.longdouble).str, ">f8", ">i4", ">c16"])
@pytest.mark.parametrize("shape", [(), (0,), (3,), (2, 3), (0, 4), (2, 1, 3)])
def test_every_simple_dtype_and_shape_survives_exactly(dtype, shape):
    value = (np.arange(math.prod(shape)) % 3).astype(dtype).reshape(shape)
    back = roundtrip(value)
    assert back.dtype == value.dtype and back.dtype.str == dtype and back.shape == shape
    assert np.array_equal(back, value)
    # Fresh, writable, C-ordered: never a view on the message's bytes.
    assert back.flags.writeable and back.flags.c_contiguous and back.flags.owndata and back.base is None
    scalar = roundtrip(value.reshape(-1)[0]) if value.size else None
    if scalar is not None:
        assert type(scalar) is type(value.reshape(-1)[0]) and scalar == value.reshape(-1)[0]


def test_a_zero_d_array_stays_an_array_and_a_scalar_stays_a_scalar():
    back = roundtrip(np.array(2.5))
    assert type(back) is np.ndarray and back.shape == () and back == 2.5
    assert type(roundtrip(np.float32(1.5))) is np.float32 and type(roundtrip(np.bool_(False))) is np.bool_
    assert type(roundtrip(np.longdouble(0.25))) is np.longdouble


@pytest.mark.parametrize(
    "value",
    [
        np.arange(12.0).reshape(3, 4)[:, ::2],
        np.asfortranarray(np.arange(12.0).reshape(3, 4)),
        np.arange(12.0).reshape(3, 4).T,
        np.arange(24, dtype=">i4").reshape(2, 3, 4)[::-1, 1:, ::3],
        np.broadcast_to(np.arange(3.0), (4, 3)),
    ],
)
def test_non_contiguous_arrays_cross_as_their_values(value):
    back = roundtrip(value)
    assert back.shape == value.shape and back.dtype == value.dtype and np.array_equal(back, value)
    assert back.flags.c_contiguous and back.flags.writeable


def test_two_references_to_one_blob_are_two_arrays():
    channel = wire.Channel(None, None)
    first, second = channel.decode({"$list": [{"$array": [0, "<f8", [2]]}] * 2}, [bytes(16)])
    first[0] = 1.0
    assert second[0] == 0.0


def test_a_bool_array_holds_only_true_and_false():
    back = wire.Channel(None, None).decode({"$array": [0, "|b1", [3]]}, [bytes([0, 1, 7])])
    assert back.tolist() == [False, True, True] and back.view(np.uint8).tolist() == [0, 1, 1]


BAD_DTYPES = "O |O <O8 V8 |V8 <U4 |S4 (2,)f8 (2,)<f8 <f8,<f8 <M8 <m8 f8 <i16 <f3 =f8 <F8 <f8[2]".split()


@pytest.mark.parametrize("dtype", [*BAD_DTYPES, "<f8 ", "\n<f8", "<f8\n", "", 8, None, ["<f8"]])
def test_a_dtype_that_is_not_a_simple_number_is_refused(dtype):
    with pytest.raises(wire.WireError, match="dtype|malformed"):
        wire.Channel(None, None).decode({"$array": [0, dtype, [1]]}, [bytes(8)])
    with pytest.raises(wire.WireError, match="dtype|malformed"):
        wire.Channel(None, None).decode({"$scalar": [0, dtype, []]}, [bytes(8)])


@pytest.mark.parametrize(
    "ref, blob",
    [
        ([0, "<f8", [3]], bytes(16)),  # fewer bytes than the shape needs
        ([0, "<f8", [1]], bytes(16)),  # more
        ([0, "<f8", []], bytes(0)),
        ([0, "<f8", [-1]], bytes(8)),
        ([0, "<f8", [-2, -1]], bytes(16)),
        ([0, "<f8", [2.0]], bytes(16)),
        ([0, "<f8", [True]], bytes(8)),
        ([0, "<f8", ["2"]], bytes(16)),
        ([0, "<f8", 2], bytes(16)),
        ([0, "<f8", [1] * (wire.MAX_DIMS + 1)], bytes(8)),
        ([0, "<f8", [2**40]], bytes(16)),  # a huge claim over a few bytes: refused before any allocation
        ([0, "<f8", [2**62, 2**62, 2**62]], bytes(8)),  # its product overflows 64 bits
        ([0, "<f8", [0, 2**62]], b""),  # no bytes, but more than numpy can hold
        ([0, "<f8", [2**64]], bytes(8)),
        ([1, "<f8", [1]], bytes(8)),  # a blob that was not sent
        ([-1, "<f8", [1]], bytes(8)),
        (["0", "<f8", [1]], bytes(8)),
        ([0, "<f8"], bytes(8)),
        ([0, "<f8", [1], 0], bytes(8)),
        (0, bytes(8)),
    ],
)
def test_a_shape_or_reference_that_does_not_match_its_data_is_refused(ref, blob):
    channel = wire.Channel(None, None)
    with pytest.raises(wire.WireError):
        channel.decode({"$array": ref}, [blob])
    with pytest.raises(wire.WireError):
        channel.decode({"$scalar": ref}, [blob])


def test_a_scalar_is_one_number_and_pickles_never_load():
    channel = wire.Channel(None, None)
    with pytest.raises(wire.WireError, match="malformed number"):
        channel.decode({"$scalar": [0, "<f8", [1]]}, [bytes(8)])
    pickled = pickle.dumps(np.array([{"a": 1}], dtype=object))
    for dtype in ("|O", "<f8"):
        with pytest.raises(wire.WireError):
            channel.decode({"$array": [0, dtype, [1]]}, [pickled])


def test_a_huge_claimed_shape_allocates_nothing():
    tracemalloc.start()
    try:
        with pytest.raises(wire.WireError, match="does not match"):
            wire.Channel(None, None).decode({"$array": [0, "<f8", [2**20, 2**20]]}, [bytes(16)])
        assert tracemalloc.get_traced_memory()[1] < 2**20
    finally:
        tracemalloc.stop()


def test_a_bad_array_among_the_changed_ones_is_refused():
    channel = wire.Channel(None, None)
    blobs = [bytes(8)]
    for mutated in ([[0, 0]], [[0, [0, "<f8", [2]]]], [[0, [0, "|O", [1]]]], [[0, [1, "<f8", [1]]]], [["0", 1]]):
        with pytest.raises(wire.WireError):
            channel._unpack_reply({"op": "reply", "value": None, "mutated": mutated}, blobs, [np.zeros(1)])


@pytest.mark.parametrize(
    "data",
    [
        [1, 2],
        {"$array": 3},
        {"$array": [3, "<f8", []]},
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
        args[2][0, 1] = -1.0  # and one of another layout and byte order
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
    fortran = np.asfortranarray(np.arange(6, dtype=">f8").reshape(2, 3))
    assert client.call({"name": "f"}, [array, triple, fortran], {}) == 31
    thread.join()
    assert array.tolist() == [0.0, 2.0, 4.0]
    assert fortran.tolist() == [[0.0, -1.0, 2.0], [3.0, 4.0, 5.0]] and fortran.flags.f_contiguous


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
