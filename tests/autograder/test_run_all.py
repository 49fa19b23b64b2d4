"""Run All as Colab and VS Code do it: every cell in order, no cell tag honoured, the first error stops.

Chapter 3, completed with the reference except a wrong `loss` (its first
exercise), runs top to bottom in a real IPython kernel with the
`raises-exception` tags removed and errors not allowed: no cell may raise, the
failing test's full message is on stderr, the later exercise's (`cost`) tests
pass, and nbgrader's own scoring of the cells so run gives the failing test 0
and every other test what the grader gives it. The same notebook runs in the
students' own kernels (NumPy 2.0.2, Colab's, and 1.26.4) with the same result.
"""

import json
import subprocess

import nbformat
import pytest
from nbclient import NotebookClient
from nbgrader.utils import determine_grade

from autograder.engine import grade_submission
from autograder.examples import submission
from chapterkit import cells
from chapterkit.sources import CHAPTERS, source_notebook
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


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    nb = _wrong_loss()
    for cell in nb.cells:  # Colab and VS Code ignore the tag; so does this run
        tags = cell.metadata.get("tags", [])
        if "raises-exception" in tags:
            tags.remove("raises-exception")
    assert not any("raises-exception" in c.metadata.get("tags", []) for c in nb.cells)
    folder = tmp_path_factory.mktemp("run-all")
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
