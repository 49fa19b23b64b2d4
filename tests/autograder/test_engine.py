"""The grading engine on small notebooks: what runs where, and what a test cell means."""

import nbformat
import pytest

from autograder import sandbox
from autograder.engine import grade_submission, plan
from autograder.examples import submission as chapter_submission
from autograder.limits import Limits
from chapterkit.sources import CHAPTERS, source_notebook
from tests.builders import needs_bubblewrap
from tests.corpus import CORPUS

pytestmark = needs_bubblewrap

TESTKIT = (
    "import numpy as np\n"
    "from contextlib import contextmanager\n"
    "class CheckFailed(AssertionError):\n    pass\n"
    "def call(f, *a, **k):\n    return f(*a, **k)\n"
    "@contextmanager\n"
    "def replaced(**names):\n    yield\n"
)


def cell(source, grade_id=None, kind=None, points=1, tags=None, cell_id=None):
    c = nbformat.v4.new_code_cell(source)
    if kind:
        c.metadata["nbgrader"] = {
            "grade_id": grade_id,
            "schema_version": 3,
            "task": False,
            "solution": kind == "solution",
            "grade": kind == "test",
            "locked": kind in ("test", "locked"),
        }
        if kind == "test":
            c.metadata["nbgrader"]["points"] = points
    if tags:
        c.metadata["tags"] = tags
    c["id"] = cell_id or (grade_id or f"c{abs(hash(source)) % 10**8}")
    return c


def notebook(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


def source_with(solution, tests, extra=()):
    return notebook(
        cell(TESTKIT, "testkit", "locked"),
        *extra,
        cell(solution, "double", "solution"),
        *tests,
    )


def grade(source_nb, submitted_nb):
    return grade_submission(source_nb, submitted_nb, sandbox.Limits(call_seconds=10, wall_seconds=60))


TEST_DOUBLE = cell("assert call(double, 3) == 6\nassert call(double, -1.5) == -3.0", "test_double", "test", points=2)
SOURCE = source_with("def double(x):\n    return 2 * x", [TEST_DOUBLE])


def submission(code, source=SOURCE):
    nb = nbformat.from_dict(nbformat.v4.new_notebook())
    nb.cells = [nbformat.from_dict(dict(c)) for c in source.cells]
    for c in nb.cells:
        if c.metadata.get("nbgrader", {}).get("grade_id") == "double":
            c.source = code
    return nb


def score(result):
    return sum(t["earned"] for t in result["tests"].values())


def test_right_and_wrong_answers():
    assert score(grade(SOURCE, submission("def double(x):\n    return x + x"))) == 2
    wrong = grade(SOURCE, submission("def double(x):\n    return x * 3"))
    assert score(wrong) == 0 and "AssertionError" in wrong["tests"]["test_double"]["message"]


def test_a_test_cell_edited_or_deleted_by_the_student_is_graded_from_the_source():
    nb = submission("def double(x):\n    return 0")
    for c in nb.cells:
        if c.metadata.get("nbgrader", {}).get("grade_id") == "test_double":
            c.source = "pass"
            c.metadata["nbgrader"]["points"] = 100
    assert score(grade(SOURCE, nb)) == 0
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "test_double"]
    result = grade(SOURCE, nb)
    assert set(result["tests"]) == {"test_double"} and score(result) == 0


def test_student_names_cannot_replace_the_tests_own():
    # In one shared kernel this would make every check pass.
    code = "def double(x):\n    return 0\ncall = lambda *a, **k: 6\nCheckFailed = Exception\nimport numpy as np\nnp.allclose = lambda *a, **k: True"
    assert score(grade(SOURCE, submission(code))) == 0


def test_cells_the_student_added_run_and_figure_cells_are_skipped():
    figure = cell("raise RuntimeError('a figure cell ran')", tags=["hide-input"], cell_id="fig")
    source = source_with("def double(x):\n    return 2 * x", [TEST_DOUBLE], extra=[figure])
    nb = submission("def double(x):\n    return helper(x)", source)
    position = next(i for i, c in enumerate(nb.cells) if c.get("id") == "double")
    nb.cells.insert(position + 1, cell("def helper(x):\n    return 2 * x", cell_id="mine"))
    steps = plan(source, nb)
    assert [where for where, _ in steps] == ["testkit", "sandbox", "sandbox", "trusted"]
    assert score(grade(source, nb)) == 2


def test_example_cells_inside_keep_going_run_in_the_sandbox_as_they_would_unwrapped():
    # In the student's notebook the test kit's keep_going() prints the error and goes on; the worker's lets it through.
    figure = cell(
        "# A figure.\nwith keep_going():\n    import numpy as np\n    import matplotlib.pyplot as plt\n"
        "    plt.plot(double(np.arange(3)))\n",
        tags=["hide-input"],
        cell_id="fig",
    )
    example = cell("with keep_going():\n    value = double(2)\n    print('value', value)\n", cell_id="example")
    after = cell("print(value)", cell_id="after")
    source = source_with("def double(x):\n    return 2 * x", [TEST_DOUBLE], extra=[])
    source.cells[2:2] = [figure, example, after]  # after the exercise, before its test
    imports = plan(source, source)[2][1]
    assert imports.source == "import numpy as np\n"  # a figure cell's imports are found inside keep_going()

    def reading_value(code):  # a cell the student changed runs, and needs the example's `value`
        nb = submission(code, source)
        next(c for c in nb.cells if c.get("id") == "after").source = "print(value, end='\\n')"
        return nb

    right = grade(source, reading_value("def double(x):\n    return 2 * x"))
    outputs = {c["id"]: c["outputs"] for c in right["cells"]}
    assert outputs["example"] == [{"output_type": "stream", "name": "stdout", "text": "value 4\n"}]
    assert outputs["after"][0]["text"] == "4\n" and score(right) == 2
    stub = grade(source, reading_value("def double(x):\n    raise NotImplementedError()"))
    outputs = {c["id"]: c["outputs"] for c in stub["cells"]}
    assert [o["ename"] for o in outputs["example"] if o["output_type"] == "error"] == ["NotImplementedError"]
    assert [o["ename"] for o in outputs["after"] if o["output_type"] == "error"] == ["NameError"]
    assert score(stub) == 0


def test_in_place_changes_and_stand_in_callbacks_behave_as_in_one_process():
    tests = [
        cell(
            "import numpy as np\n"
            "x = np.ones(3)\n"
            "calls = []\n"
            "def stand_in(v):\n    calls.append(v)\n    return 10\n"
            "with replaced(helper=stand_in):\n    assert call(double, x) == 10\n"
            "assert x.tolist() == [2.0, 2.0, 2.0] and calls == [2.0]",
            "test_double",
            "test",
        )
    ]
    code = "def double(a):\n    a *= 2\n    return helper(float(a[0]))"
    source = source_with(code, tests)
    assert score(grade(source, submission(code, source))) == 1


def test_only_plain_data_and_the_tests_own_functions_cross_and_only_while_needed():
    tests = [
        # A type or a library's function as an argument: that test fails, the others run.
        cell("import numpy as np\nassert call(double, np.ndarray) is None", "test_type", "test"),
        cell("import numpy as np\nassert call(double, np.frombuffer) is None", "test_builtin", "test"),
        # A function the test defines crosses for the call, and is revoked when it returns.
        cell(
            "assert call(double, lambda v: v + 1) == 4\n"
            "try:\n    call(double, None)\nexcept Exception as e:\n    assert 'can be called' in str(e), e\n"
            "else:\n    raise AssertionError('still callable')",
            "test_argument",
            "test",
        ),
        cell(
            "import numpy as np\nwith replaced(helper=np.ones):\n    assert call(double, 'keep the helper') == [1.0] * 3\n"
            "try:\n    call(double, None)\nexcept Exception as e:\n    assert 'can be called' in str(e), e\n"
            "else:\n    raise AssertionError('still callable')",
            "test_revoked",
            "test",
        ),
    ]
    code = (
        "kept = []\ndef double(f):\n    if f == 'keep the helper':\n        kept.append(helper)\n        return helper(3).tolist()\n"
        "    if f is None:\n        return kept[-1](3)\n    kept.append(f)\n    return f(3)"
    )
    source = source_with(code, tests)
    result = grade(source, submission(code, source))
    for name in ("test_type", "test_builtin"):
        assert result["tests"][name]["earned"] == 0 and "cannot cross" in result["tests"][name]["message"]
    for name in ("test_argument", "test_revoked"):
        assert result["tests"][name]["earned"] == 1, result["tests"][name]["message"]


def test_a_students_builtins_and_module_names_never_reach_the_tests():
    tests = [
        cell(
            "total = 0\nfor i in range(3):\n    total += call(double, float(i))\nassert total == 6.0",
            "test_double",
            "test",
        )
    ]
    code = (
        "import types\nrange = lambda *a: []\nfloat = lambda x: 0\n"
        "linalg = types.ModuleType('numpy.f2py.__main__')\ndef double(x):\n    return 2 * x"
    )
    source = source_with("def double(x):\n    return 2 * x", tests)
    assert score(grade(source, submission(code, source))) == 1
    broken = code.replace("return 2 * x", "return 0")
    assert score(grade(source, submission(broken, source))) == 0


def test_student_exceptions_keep_their_type():
    tests = [
        cell(
            "try:\n    call(double, 0)\nexcept ZeroDivisionError:\n    pass\nelse:\n    raise AssertionError('no error')",
            "test_double",
            "test",
        )
    ]
    source = source_with("def double(x):\n    return 1 / x", tests)
    assert score(grade(source, submission("def double(x):\n    return 1 / x", source))) == 1


def test_a_process_that_exits_fails_the_remaining_tests_and_says_why():
    tests = [TEST_DOUBLE, cell("assert call(double, 1) == 2", "test_double_again", "test")]
    source = source_with("def double(x):\n    return 2 * x", tests)
    result = grade(source, submission("import os\ndef double(x):\n    os._exit(0)", source))
    assert score(result) == 0
    assert "ended its own process" in result["tests"]["test_double_again"]["message"]


def test_a_long_print_keeps_the_output_limit_and_says_how_much_more_there_was():
    limit = Limits().output_characters
    result = grade(SOURCE, submission("print('x' * 100_000, end='')\ndef double(x):\n    return 2 * x"))
    (printed,) = [o["text"] for c in result["cells"] for o in c["outputs"] if o.get("name") == "stdout"]
    assert printed == "x" * limit + f"\n[... {100_000 - limit} more characters not kept]"
    assert score(result) == 2


def test_an_endless_loop_is_stopped_by_the_time_limit():
    result = grade_submission(
        SOURCE,
        submission("def double(x):\n    while True:\n        pass"),
        sandbox.Limits(call_seconds=2, wall_seconds=30),
    )
    assert score(result) == 0 and "time limit" in result["tests"]["test_double"]["message"]


def test_a_worker_that_stops_reading_cannot_block_the_grader_in_write():
    stop_reading = (
        "import gc, time\ndef double(x):\n    return 2 * x\n"
        "for c in [o for o in gc.get_objects() if type(o).__name__ == 'Channel']:\n"
        "    c.receive = lambda *a, **k: time.sleep(10**6)"
    )
    nb = submission(stop_reading)
    position = next(i for i, c in enumerate(nb.cells) if c.get("id") == "double")
    nb.cells.insert(position + 1, cell("# " + "x" * 300_000, cell_id="big"))
    result = grade_submission(SOURCE, nb, sandbox.Limits(call_seconds=2, wall_seconds=30))
    assert score(result) == 0 and "time limit" in result["tests"]["test_double"]["message"]
    assert result["seconds"] < 15


def test_a_stand_in_cannot_be_made_to_exhaust_the_graders_memory():
    tests = [
        cell(
            "import numpy as np\n"
            "with replaced(helper=lambda v: float(np.outer(v, v).sum())):\n"
            "    assert call(double, 1.0) == 2.0",
            "test_double",
            "test",
        )
    ]
    # 12,000 numbers cost 96 KB to send; their outer product would take 1.15 GB here, past the cap.
    code = (
        "import numpy as np\ndef double(x):\n    try:\n        helper(np.ones(12_000))\n    except MemoryError:\n"
        "        return 2 * x\n    return 0"
    )
    source = source_with("def double(x):\n    return 2 * x", tests)
    result = grade(source, submission(code, source))
    assert score(result) == 1, result["tests"]["test_double"]["message"]


def test_an_error_reply_with_no_text_in_it_is_survived():
    code = (
        "import sys\nwire = sys.modules['wire']\n"
        "wire.describe_exception = lambda e, t='': {'type': 12, 'message': None, 'traceback': [1]}\n"
        "def double(x):\n    raise ValueError('no')\nraise ValueError('a cell error too')"
    )
    result = grade(SOURCE, submission(code))
    assert score(result) == 0 and result["tests"]["test_double"]["message"].startswith("RemoteError")
    errors = [o for c in result["cells"] for o in c["outputs"] if o["output_type"] == "error"]
    assert all(isinstance(o["ename"], str) and isinstance(o["evalue"], str) for o in errors)


def test_a_sandbox_that_cannot_start_is_the_machines_problem(monkeypatch):
    from autograder import parallel

    with pytest.raises(sandbox.SandboxUnavailable, match="could not start"):
        grade_submission(SOURCE, submission("def double(x):\n    return 2 * x"), sandbox.Limits(memory_bytes=8 * 2**20))
    student, result = parallel.grade_task(
        "s", nbformat.writes(SOURCE), nbformat.writes(submission("")), sandbox.Limits(memory_bytes=8 * 2**20), False
    )
    assert result["internal"] == "sandbox" and "could not start" in result["not_graded"]


@pytest.mark.parametrize("escaping", [SystemExit(3), GeneratorExit(), BaseException("odd"), MemoryError()])
def test_whatever_escapes_grading_one_submission_is_that_students_row(monkeypatch, escaping):
    from autograder import parallel

    def explode(*args, **kwargs):
        raise escaping

    monkeypatch.setattr(parallel, "grade_submission", explode)
    student, result = parallel.grade_task(
        "s", nbformat.writes(SOURCE), nbformat.writes(SOURCE), sandbox.Limits(), False
    )
    assert student == "s" and result["internal"] == "error"
    assert result["not_graded"].startswith(f"internal error: {type(escaping).__name__}")


def test_the_whole_submission_has_one_deadline_however_its_time_is_spread():
    # Each call stays under the per-call limit; together they would run for a minute.
    tests = [cell(f"assert call(double, {i}) == {2 * i}", f"test_{i}", "test") for i in range(40)]
    code = "import time\ndef double(x):\n    time.sleep(1.5)\n    return 2 * x"
    source = source_with("def double(x):\n    return 2 * x", tests)
    result = grade_submission(source, submission(code, source), sandbox.Limits(call_seconds=2, wall_seconds=6))
    assert result["seconds"] < 15
    assert 0 < score(result) < 40 and "time limit" in result["tests"]["test_39"]["message"]


SILENCE_REPORTS = (
    "\n# In one shared kernel these would hide every failed test: nbgrader would see no stderr and no error.\n"
    "import contextlib, io, sys\n"
    "reported = lambda *args, **kwargs: contextlib.suppress(BaseException)\n"
    "sys.stderr = io.StringIO()\n"
    "CheckFailed = type('CheckFailed', (Exception,), {})\n"
)


def test_the_grader_decides_a_test_from_its_error_whatever_the_student_does_to_the_reports():
    # The student's notebook runs each test inside reported(...), which prints a failure on stderr;
    # the grader runs the chapter's own test code with its own reported, which lets the error through.
    chapter = "03_cross_entropy"
    wrong = (CORPUS / chapter / "loss" / "wrong_loss_log10.py").read_text(encoding="utf-8")
    source = source_notebook(CHAPTERS / f"{chapter}.md")
    honest = grade(source, chapter_submission(chapter, {"loss": wrong}))
    attacked = grade(source, chapter_submission(chapter, {"loss": wrong + SILENCE_REPORTS}))
    for result in (honest, attacked):
        loss_values = result["tests"]["test_loss_values"]
        assert loss_values["earned"] == 0 and "log base 10" in loss_values["message"]
        assert all(t["earned"] == t["points"] for name, t in result["tests"].items() if name.startswith("test_cost"))
    assert {n: t["earned"] for n, t in attacked["tests"].items()} == {
        n: t["earned"] for n, t in honest["tests"].items()
    }
