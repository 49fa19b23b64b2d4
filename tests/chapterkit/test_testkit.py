"""The test kit's sentences: what a student reads when a test fails, at home and in the grader."""

import ast
import warnings
from pathlib import Path

import numpy as np
import pytest

from autograder.wire import remote_exception
from chapterkit import testkit
from chapterkit.testkit import CheckFailed, call, expect_scalar, expected_number, going_further, raised


def _student_function():
    namespace = {}
    exec(
        compile(
            "import numpy as np\n\ndef backward_single(x):\n    z = float(np.dot(x.T, x))\n    return z\n",
            "/tmp/ipykernel_1/cell.py",
            "exec",
        ),
        namespace,
    )
    return namespace["backward_single"]


def test_an_error_in_student_code_is_a_sentence_with_where_and_why():
    with pytest.raises(CheckFailed) as failure:
        call(_student_function(), np.ones((2, 1)))
    message = str(failure.value)
    assert message.startswith(
        "Your `backward_single` called float() or int() on an array that is not 0-d at line 4 of its cell"
    )
    assert ".item()" in message and "NumPy 2.4" in message
    assert raised(failure.value, TypeError) and not raised(failure.value, KeyError)


def test_an_error_that_crossed_from_the_sandbox_reads_the_same():
    # The grader sees the worker's traceback text, of the student's frames only.
    error = remote_exception(
        {
            "type": "TypeError",
            "message": "only 0-dimensional arrays can be converted to Python scalars",
            "traceback": 'File "<cell 4>", line 4, in backward_single\nTypeError: only 0-dimensional arrays',
        }
    )

    class Proxy:
        name = "backward_single"

        def __call__(self, *args):
            raise error

    with pytest.raises(CheckFailed) as remote:
        call(Proxy(), 1)
    with pytest.raises(CheckFailed) as local:
        call(_student_function(), np.ones((2, 1)))
    assert str(remote.value) == str(local.value)


def test_the_deprecation_of_older_numpy_fails_as_the_grader_does():
    # NumPy 2.0 and 1.26 only warn where 2.4 raises; the check turns the warning into the same failure.
    def cost(a):
        warnings.warn(
            "Conversion of an array with ndim > 0 to a scalar is deprecated", DeprecationWarning, stacklevel=2
        )
        return 1.0

    with pytest.raises(CheckFailed) as old_numpy:
        call(cost, 0)
    with pytest.raises(CheckFailed) as new_numpy:
        call(_student_function(), np.ones((2, 1)))
    for failure in (old_numpy.value, new_numpy.value):
        assert "called float() or int() on an array that is not 0-d" in str(failure)
    assert str(old_numpy.value).split("(a (1, 1)")[1] == str(new_numpy.value).split("(a (1, 1)")[1]


def test_an_unpasted_function_and_a_missing_name_get_hints():
    def propagate():
        return sigmoid()

    def sigmoid():
        raise NotImplementedError()

    with pytest.raises(CheckFailed, match="in `sigmoid`.*not written yet"):
        call(propagate)

    def uses_undefined():
        return undefined_helper()  # noqa: F821

    with pytest.raises(CheckFailed, match="`undefined_helper` is not defined"):
        call(uses_undefined)


def test_other_warnings_stay_silent():
    def naive(z):
        return 1 / (1 + np.exp(-z))

    assert call(naive, np.array([-1000.0]))[0] == 0.0


def test_a_zero_d_array_is_named_as_such():
    with pytest.raises(CheckFailed, match="0-d NumPy array"):
        expect_scalar("cost", np.array(0.5))
    with pytest.raises(CheckFailed, match=r"shape \(1, 1\)"):
        expect_scalar("cost", np.array([[0.5]]))
    expect_scalar("cost", np.float64(0.5))
    expect_scalar("cost", 0.5)


def test_expected_number_unwraps_one_number_only():
    assert expected_number(np.array([[2.5]])) == 2.5 and isinstance(expected_number(np.array(3.0)), float)
    many = np.array([1.0, 2.0])
    assert expected_number(many) is many


def test_going_further_reports_and_never_fails(capsys):
    assert going_further("sigmoid(-700)", 9.85967654375977e-305, 9.85967654375977e-305, "section 1.4") is True
    assert "met" in capsys.readouterr().out
    assert going_further("sigmoid(-700)", 0.0, 9.85967654375977e-305, "section 1.4") is False
    out = capsys.readouterr().out
    assert (
        "0 points, no marks lost" in out
        and "you return 0 where the true value is 9.86e-305" in out
        and "section 1.4" in out
    )
    assert going_further("loss", [0.0, np.inf], [0.0, np.inf], "section 3.4") is True
    assert going_further("loss", [0.0, np.nan], [0.0, np.inf], "section 3.4") is False
    assert "you return nan where the true value is inf" in capsys.readouterr().out


def test_the_kit_needs_nothing_but_numpy():
    tree = ast.parse(Path(testkit.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported <= {"re", "sys", "traceback", "warnings", "contextlib", "dis", "io", "numpy"}


def test_check_all_reports_every_test_in_full_and_goes_on_after_a_failure(capsys):
    namespace = {name: getattr(testkit, name) for name in ("call", "expect_close", "going_further", "CheckFailed")}
    namespace["np"] = np
    namespace["double"] = lambda x: 3 * x  # wrong
    namespace["half"] = lambda x: x / 2  # right
    long_mistake = "It is 1.5 times too large: " + "a sentence well past ninety characters, " * 3 + "to the end."
    testkit.check_all(
        [
            ("test_double", 2, f'expect_close("double(2)", call(double, 2), 4, mistakes={{{long_mistake!r}: 6}})\n'),
            ("test_missing", 1, "undefined_function(1)\n"),
            ("test_half", 3, 'expect_close("half(4)", call(half, 4), 2)\n'),
            ("test_half_going_further", 0, 'going_further("half(1)", call(half, 1), 0.5, "section 1")\n'),
        ],
        namespace,
    )
    out = capsys.readouterr().out
    assert "FAIL  test_double  (0 of 2 points)" in out and long_mistake in out
    assert "FAIL  test_missing  (0 of 1 point)" in out and "NameError" in out
    assert "PASS  test_half  (3 of 3 points)" in out
    assert "PASS  test_half_going_further  (0 of 0 points)" in out and "Going further (0 points): met." in out
    assert "Visible tests: 3 of 6 points." in out


def test_reported_prints_a_failure_in_full_on_stderr_and_lets_the_notebook_go_on(capsys):
    long_mistake = "It is 1.5 times too large: " + "a sentence well past ninety characters, " * 3 + "to the end."
    with testkit.reported("test_double", points=2):
        testkit.expect_close("double(2)", 6, 4, mistakes={long_mistake: 6})
    with testkit.reported("test_missing", points=1):
        undefined_function(1)  # noqa: F821 (an error that is not a check's: the student's cell was not run)
    with testkit.reported("test_half", points=3):
        testkit.expect_close("half(4)", 2, 2)
    printed = capsys.readouterr()
    assert printed.out == ""
    assert printed.err.splitlines() == [
        "FAIL  test_double  (0 of 2 points)",
        f"      CheckFailed: double(2) is not right. Likely mistake: {long_mistake}",
        "FAIL  test_missing  (0 of 1 point)",
        "      NameError: name 'undefined_function' is not defined",
    ]


def test_reported_lets_a_stop_through():
    with pytest.raises(KeyboardInterrupt), testkit.reported("test_x", points=1):
        raise KeyboardInterrupt


def _cells(*sources):
    """Run cells in order in one namespace, as a notebook does: each from a file of its own, as IPython names them."""
    namespace = {"keep_going": testkit.keep_going, "np": np}
    for number, source in enumerate(sources):
        exec(compile(source, f"/tmp/ipykernel_1/{number}.py", "exec"), namespace)
    return namespace


STUB = "def sigmoid(z):\n    # your code here\n    raise NotImplementedError()\n"


def test_keep_going_names_the_error_as_a_sentence_and_the_notebook_goes_on(capsys):
    namespace = _cells(
        STUB,
        "with keep_going():\n    curve_points = sigmoid(np.linspace(-1, 1, 3))\n    print('drawn')\n",
        "after = 'the next cell ran'\n",
    )
    assert namespace["after"] == "the next cell ran" and "curve_points" not in namespace
    printed = capsys.readouterr()
    assert printed.out == ""
    assert printed.err == (
        "This cell stopped at line 2: `sigmoid` raised NotImplementedError at line 3 of its cell. "
        "Likely cause: that function is not written yet; replace `raise NotImplementedError()` with your code "
        "(a function from an earlier chapter: paste your working version into its cell). "
        "The notebook goes on with the next cell.\n"
    )


def test_a_cell_that_needs_what_a_failed_cell_was_to_define_says_so(capsys):
    _cells(
        STUB,
        "with keep_going():\n    before = 1\n    trained_curve = sigmoid(np.zeros(2))\n",
        "with keep_going():\n    print(before)\n    print(trained_curve.sum())\n",
        "with keep_going():\n    print(never_defined_anywhere)\n",
    )
    failed, needs, missing = capsys.readouterr().err.splitlines()
    assert failed.startswith("This cell stopped at line 3: `sigmoid` raised NotImplementedError")
    assert needs == (
        "This cell stopped at line 3: it needs `trained_curve` from an earlier cell, which failed "
        "(its message is printed under it). Fix that cell first, then run it and the cells after it again. "
        "The notebook goes on with the next cell."
    )
    # A name no failed cell was to define is the student's to define: the test kit's hint for it.
    assert missing.startswith(
        "This cell stopped at line 2: it raised NameError: name 'never_defined_anywhere' is not defined. "
        "Likely cause: `never_defined_anywhere` is not defined: run the cell that defines it first"
    )


def test_an_error_in_the_cells_own_line_names_the_likely_cause(capsys):
    _cells(
        "def cost(A, Y):\n    return np.mean(A - Y, axis=0)\n",
        "with keep_going():\n    print(f'cost = {cost(np.ones((1, 3)), np.zeros((1, 3))):.3f}')\n",
        "with keep_going():\n    parameters = None\n    print(parameters['w'])\n",
    )
    formatted, subscripted = capsys.readouterr().err.splitlines()
    assert formatted == (
        "This cell stopped at line 2: it raised TypeError: unsupported format string passed to "
        "numpy.ndarray.__format__. Likely cause: a value this line prints as a number is an array: one of your "
        "functions returns an array where its exercise asks for a single number. "
        "The notebook goes on with the next cell."
    )
    assert subscripted.startswith("This cell stopped at line 3: it raised TypeError: 'NoneType' object is not")
    assert "Likely cause: one of your functions that this cell uses returns something other than" in subscripted


def test_keep_going_lets_a_stop_through():
    with pytest.raises(KeyboardInterrupt), testkit.keep_going():
        raise KeyboardInterrupt


def test_the_kit_speaks_after_chapter_code_used_its_underscore_as_a_throwaway(capsys):
    # The kit's names are the notebook's: `_, cost = ...` in a chapter's cell rebinds the kit's `_("...")`.
    kit = {}
    exec(compile(Path(testkit.__file__).read_text(encoding="utf-8"), "<testkit>", "exec"), kit)
    for source in (STUB, "_, spare = np.zeros(2), 1\n", "with keep_going():\n    sigmoid(0.0)\n"):
        exec(compile(source, "/tmp/ipykernel_1/cell.py", "exec"), kit)
    assert capsys.readouterr().err.startswith("This cell stopped at line 2: `sigmoid` raised NotImplementedError")
    kit["_"] = 3.0
    with pytest.raises(kit["CheckFailed"], match="Likely cause: that function is not written yet"):
        kit["call"](kit["sigmoid"], 0.0)
