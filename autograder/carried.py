"""Keep an earlier chapter's mistake out of a later chapter's score.

A later chapter asks the student to paste functions from earlier ones (its
``carried_*`` cells). Each is graded in its own chapter, so here it is probed
once against the reference; if it is wrong (or not pasted), every test of this
chapter runs with the reference in its place, in the sandbox and in the
grader's namespace alike, and the student is told which function was wrong and
where it is graded. A right carried function is used as it is.
"""

import re
import warnings

import numpy as np

import solutions


def _probes():
    """Inputs on which a right function must agree with the reference, at the precision its chapter grades."""
    rng = np.random.default_rng(20240601)
    X, w = rng.normal(size=(3, 7)), rng.normal(scale=0.5, size=(3, 1))
    Y = np.array([[1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0]])
    return {
        "sigmoid": [(np.linspace(-30.0, 30.0, 13),), (0.5,), (np.array([[-2.0, 0.0], [1.0, 3.0]]),)],
        "initialize_with_zeros": [(3,), (1,)],
        "propagate": [(w, 0.25, X, Y), (np.zeros((3, 1)), 0.0, X, Y)],
    }


def home_chapter(cell):
    """The chapter number a carried cell says its function comes from."""
    found = re.search(r"from chapter (\d+)", cell.source.splitlines()[0] if cell.source else "")
    return found.group(1) if found else "?"


def verdict(name, student_function):
    """None if the student's function agrees with the reference on every probe, else why not."""
    reference = getattr(solutions, name, None)
    probes = _probes().get(name)
    if reference is None or probes is None:
        return None  # nothing to compare with: use the student's function as it is
    for args in probes:
        expected = reference(*_copies(args))
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                got = student_function(*_copies(args))
        except Exception as error:
            kind = getattr(error, "remote_type", None) or type(error).__name__
            if kind == "NotImplementedError":
                return "it is not pasted in yet (it raises NotImplementedError)"
            return f"it raised {kind}: {str(error)[:200]}"
        if not _agrees(got, expected):
            return f"its result for the input {_short(args)} differs from the right one"
    return None


def note(name, chapter, reason):
    return (
        f"Note from the grader: your `{name}` from chapter {chapter} is not right here: {reason}. "
        f"It is graded in chapter {chapter}, so in this chapter's tests the course's own `{name}` "
        "took its place, and it cost you no points here.\n"
    )


def reference(name):
    return getattr(solutions, name)


def _agrees(got, expected):
    if isinstance(expected, dict):
        return (
            isinstance(got, dict) and set(got) >= set(expected) and all(_agrees(got[k], v) for k, v in expected.items())
        )
    if isinstance(expected, (tuple, list)):
        return isinstance(got, (tuple, list)) and len(got) == len(expected) and all(map(_agrees, got, expected))
    try:
        got_array = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    expected_array = np.asarray(expected, dtype=np.float64)
    if got_array.size == 1 and expected_array.size == 1:  # a one-number array is a type slip, graded at home
        got_array, expected_array = got_array.reshape(()), expected_array.reshape(())
    return got_array.shape == expected_array.shape and bool(
        np.allclose(got_array, expected_array, rtol=1e-7, atol=1e-10)
    )


def _copies(args):
    return tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)


def _short(args):
    text = ", ".join(f"array of shape {a.shape}" if isinstance(a, np.ndarray) else repr(a) for a in args)
    return f"({text})"
