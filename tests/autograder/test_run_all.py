"""Run All as Colab and VS Code do it: every cell in order, no cell tag honoured, the first error stops.

Chapter 3, completed with the reference except a wrong `loss` (its first
exercise), runs top to bottom in a real IPython kernel with the
`raises-exception` tags removed and errors not allowed: no cell may raise, the
failing test's full message is on stderr, the later exercise's (`cost`) tests
pass, and nbgrader's own scoring of the cells so run gives the failing test 0
and every other test what the grader gives it. The same notebook runs in the
students' own kernels (NumPy 2.0.2, Colab's, and 1.26.4) with the same result.

The example and figure cells run on too: chapter 7 with every exercise still a
stub, and chapter 3 with a `cost` that returns an array (so the example cell
after it fails), run every cell through to the self-check, Colab-style in the
NumPy 2.0.2 kernel and in a real IPython kernel, each failing cell saying why
on stderr (the same sentence in both), a cell that needs what a failed cell was
to define saying that.
"""

import json
import subprocess

import nbformat
import pytest
from nbclient import NotebookClient
from nbgrader.utils import determine_grade

from autograder.engine import grade_submission
from autograder.examples import release_notebook, submission
from chapterkit import cells
from chapterkit.sources import CHAPTERS, keep_going_cells, source_notebook
from tests.builders import needs_bubblewrap, visible_only
from tests.corpus import CORPUS
from tests.kernels import RUNNER, kernel

pytestmark = pytest.mark.slow
CHAPTER = "03_cross_entropy"
MISTAKE = (
    "Likely mistake: You used log base 10: the course uses the natural logarithm np.log "
    "(base 10 divides every loss by ln 10 = 2.303)."
)


def _wrong_loss():
    return submission(
        CHAPTER, {"loss": (CORPUS / CHAPTER / "loss" / "wrong_loss_log10.py").read_text(encoding="utf-8")}
    )


def _stderr(cell):
    return "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stderr")


def _untagged(nb):
    for cell in nb.cells:  # Colab and VS Code ignore the tag; so does this run
        tags = cell.metadata.get("tags", [])
        if "raises-exception" in tags:
            tags.remove("raises-exception")
    assert not any("raises-exception" in c.metadata.get("tags", []) for c in nb.cells)
    return nb


def _run_in_ipython(nb, folder):
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        allow_errors=False,  # the first error raises CellExecutionError, as Colab's Run All stops there
        extra_arguments=["--matplotlib=agg"],
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute()
    return nb


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    return _run_in_ipython(_untagged(_wrong_loss()), tmp_path_factory.mktemp("run-all"))


def test_every_cell_runs_and_none_raises(ran):
    code = [c for c in ran.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code)
    assert [c for c in code if any(o.output_type == "error" for o in c.outputs)] == []


def test_the_failing_test_reports_in_full_on_stderr_and_the_later_exercise_is_tested(ran):
    tests = {cells.grade_id(c): c for c in ran.cells if cells.is_test(c)}
    report = _stderr(tests["test_loss_values"])
    assert report.startswith("FAIL  test_loss_values  (0 of 2 points)\n") and MISTAKE in report
    cost_tests = [name for name in tests if name.startswith("test_cost")]
    assert cost_tests and all(_stderr(tests[name]) == "" for name in cost_tests)
    last = ran.cells[-1]
    assert cells.is_self_check(last)
    printed = "".join(o.text for o in last.outputs if o.output_type == "stream")
    assert "FAIL  test_loss_values" in printed and all(f"PASS  {name}" in printed for name in cost_tests)


@needs_bubblewrap
def test_nbgrader_scores_the_run_as_the_grader_does(ran):
    # determine_grade is how `nbgrader autograde` and `nbgrader validate` score an executed cell.
    stock = {cells.grade_id(c): determine_grade(c)[0] for c in ran.cells if cells.is_test(c)}
    graded = grade_submission(visible_only(source_notebook(CHAPTERS / f"{CHAPTER}.md")), _wrong_loss())
    grader = {name: result["earned"] for name, result in graded["tests"].items()}
    assert stock == grader
    assert stock["test_loss_values"] == 0
    assert all(stock[name] == cells.points(c) for name, c in _tests(ran).items() if name.startswith("test_cost"))


def _tests(nb):
    return {cells.grade_id(c): c for c in nb.cells if cells.is_test(c)}


@pytest.mark.parametrize("numpy_version", ["2.0.2", "1.26.4"])
def test_a_students_own_kernel_runs_every_test_cell_without_a_stop(tmp_path, numpy_version):
    path = tmp_path / f"{CHAPTER}.ipynb"
    nbformat.write(_wrong_loss(), path)
    run = subprocess.run(
        [str(kernel(numpy_version)), "-I", str(RUNNER), str(path)], capture_output=True, text=True, cwd="/", timeout=600
    )
    assert run.returncode == 0, run.stderr[-3000:]
    verdicts = json.loads(run.stdout)[str(path)]
    assert set(verdicts) == set(_tests(_wrong_loss()))
    assert [name for name, message in verdicts.items() if message and message.startswith("raised: ")] == []
    assert verdicts["test_loss_values"].startswith("CheckFailed: ") and MISTAKE in verdicts["test_loss_values"]
    assert all(message is None for name, message in verdicts.items() if name.startswith("test_cost"))


# Chapter 7 with every exercise a stub: 19 example and figure cells raised before they ran inside keep_going().
STUBS = ("07_training", lambda: release_notebook("07_training"))
# Chapter 3 with a cost per example (axis 0): the example cell after the last exercise formats an array as a number.
COST_AXIS0 = (
    CHAPTER,
    lambda: submission(
        CHAPTER, {"cost": (CORPUS / CHAPTER / "cost" / "wrong_cost_axis0.py").read_text(encoding="utf-8")}
    ),
)
STOPPED = "This cell stopped at line "


def _colab_runs(chapter, make, folder):
    """(the notebook, the NumPy 2.0.2 kernel's Run All record, the IPython kernel's run) of one notebook."""
    nb = _untagged(make())
    path = folder / f"{chapter}.ipynb"
    nbformat.write(nb, path)
    run = subprocess.run(
        [str(kernel("2.0.2")), "-I", str(RUNNER), "--run-all", str(path)],
        capture_output=True,
        text=True,
        cwd=str(folder),
        timeout=900,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return nb, json.loads(run.stdout)[str(path)], _run_in_ipython(_untagged(make()), folder)


@pytest.fixture(scope="module")
def stubs_run(tmp_path_factory):
    return _colab_runs(*STUBS, tmp_path_factory.mktemp("colab-stubs"))


@pytest.fixture(scope="module")
def cost_axis0_run(tmp_path_factory):
    return _colab_runs(*COST_AXIS0, tmp_path_factory.mktemp("colab-cost-axis0"))


@pytest.fixture(params=["stubs_run", "cost_axis0_run"])
def colab_runs(request):
    return request.getfixturevalue(request.param)


def test_colab_style_run_all_in_the_numpy_2_0_2_kernel_reaches_the_self_check(colab_runs):
    nb, record, _ = colab_runs
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    assert record["stopped"] is None, record["cells"][-1]
    assert [c["index"] for c in record["cells"]] == code
    self_check = record["cells"][-1]
    assert cells.is_self_check(nb.cells[self_check["index"]]) and "Visible tests: " in self_check["stdout"]
    wrapped = {nb.cells.index(c) for c in keep_going_cells(nb.cells)}
    reports = {c["index"]: c["stderr"] for c in record["cells"] if c["stderr"].strip()}
    examples = {i: text for i, text in reports.items() if not cells.is_test(nb.cells[i])}
    assert examples and set(examples) <= wrapped  # only the cells keep_going() runs report; none raised
    assert all(
        text.startswith(STOPPED) and text.endswith("The notebook goes on with the next cell.\n")
        for text in examples.values()
    )


def test_a_stub_is_named_and_a_cell_that_needs_a_failed_cells_result_says_so(stubs_run):
    nb, record, _ = stubs_run
    reports = [c["stderr"] for c in record["cells"] if c["stderr"].startswith(STOPPED)]
    stubs = [text for text in reports if "raised NotImplementedError" in text]
    needs = [text for text in reports if "from an earlier cell, which failed" in text]
    assert stubs and all("Likely cause: that function is not written yet" in text for text in stubs)
    assert needs and not any("NameError" in text for text in needs)
    # Each name a cell needs is one that a cell which reported a failure before it was to define.
    for index, cell in enumerate(record["cells"]):
        if "from an earlier cell, which failed" in cell["stderr"]:
            name = cell["stderr"].split("needs `", 1)[1].split("`", 1)[0]
            assert any(
                name in nb.cells[earlier["index"]].source and earlier["stderr"].startswith(STOPPED)
                for earlier in record["cells"][:index]
            ), name


def test_the_example_after_a_wrong_cost_says_why_and_the_self_check_still_runs(cost_axis0_run):
    nb, record, _ = cost_axis0_run
    (example,) = [c for c in record["cells"] if c["stderr"].startswith(STOPPED)]
    assert "cost(" in nb.cells[example["index"]].source
    assert "raised TypeError: unsupported format string passed to numpy.ndarray.__format__" in example["stderr"]
    assert "Likely cause: a value this line prints as a number is an array" in example["stderr"]
    assert record["cells"].index(example) < len(record["cells"]) - 1
    printed = record["cells"][-1]["stdout"]
    assert "FAIL  test_cost" in printed and "PASS  test_loss" in printed


def test_a_real_ipython_kernel_runs_every_cell_and_says_the_same_sentences(colab_runs):
    nb, record, executed = colab_runs
    code = [c for c in executed.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code)
    assert [c for c in code if any(o.output_type == "error" for o in c.outputs)] == []
    kernel_reports = {i: _stderr(c) for i, c in enumerate(executed.cells) if c in keep_going_cells(executed.cells)}
    runner_reports = {c["index"]: c["stderr"] for c in record["cells"] if c["index"] in kernel_reports}
    assert any(kernel_reports.values()) and kernel_reports == runner_reports
