"""The same verdict at home as in the grader, on the NumPy a student may have.

The student notebooks, completed with the reference and with a sample of the
corpus (right and wrong), run top to bottom in a student's own kernel: another
virtual environment with Colab's NumPy 2.0 (or 1.26), no nbgrader and no course
packages (`make student-kernels` makes them; `make test` does it first). Every
visible test must pass or fail there exactly as the grader decides, and fail
with the same sentence, reported on stderr without stopping the notebook.
"""

import json
import subprocess

import nbformat
import pytest

from autograder.engine import grade_submission
from autograder.examples import submission
from chapterkit.sources import CHAPTERS, source_notebook
from tests.builders import needs_bubblewrap, visible_only
from tests.corpus import VARIANTS
from tests.kernels import RUNNER, kernel

pytestmark = [pytest.mark.slow, needs_bubblewrap]


def _sample():
    """Per chapter: the reference, every second right variant and every sixth wrong one."""
    chosen = []
    for chapter in sorted({v["chapter"] for v in VARIANTS}):
        right = [v for v in VARIANTS if v["chapter"] == chapter and v["kind"] == "right"][::2]
        wrong = [v for v in VARIANTS if v["chapter"] == chapter and v["kind"] == "wrong"][::6]
        chosen += [{"chapter": chapter, "name": "reference", "replace": {}}]
        chosen += [
            {
                "chapter": v["chapter"],
                "name": v["name"],
                "replace": {v["exercise"]: v["path"].read_text(encoding="utf-8")},
            }
            for v in right + wrong
        ]
    return chosen


SAMPLE = _sample()


def _start_at_home(numpy_version, notebooks):
    """The student's kernel runs in the background (cwd /, -I: no course package can be imported)."""
    return subprocess.Popen(
        [str(kernel(numpy_version)), "-I", str(RUNNER), *map(str, notebooks)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd="/",
    )


def _verdicts(process):
    stdout, stderr = process.communicate(timeout=1200)
    assert process.returncode == 0, stderr[-3000:]
    return json.loads(stdout)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("student-notebooks")
    paths = []
    for i, item in enumerate(SAMPLE):
        path = folder / f"{i:03d}-{item['chapter']}-{item['name']}.ipynb"
        nbformat.write(submission(item["chapter"], item["replace"]), path)
        paths.append(path)
    return paths


def test_colab_numpy_gives_the_graders_verdict_with_the_same_sentence(written):
    running = _start_at_home("2.0.2", written)
    graded_all = [
        grade_submission(
            visible_only(source_notebook(CHAPTERS / f"{item['chapter']}.md")), nbformat.read(path, as_version=4)
        )
        for item, path in zip(SAMPLE, written)
    ]
    home = _verdicts(running)
    # A test cell reports its failure on stderr: none raises, so Colab's Run All would never stop at one.
    raised = [
        f"{path.name} {test}"
        for path in written
        for test, m in home[str(path)].items()
        if m and m.startswith("raised: ")
    ]
    assert not raised, raised[:10]
    differences = []
    for item, path, graded in zip(SAMPLE, written, graded_all):
        for test, result in graded["tests"].items():
            there, here = result["message"], home[str(path)].get(test, "the test cell did not run")
            if (there is None) != (here is None) or (there and here and there.splitlines()[0] != here.splitlines()[0]):
                differences.append(f"{item['chapter']} {item['name']} {test}:\n  grader: {there}\n  home:   {here}")
    assert not differences, "\n".join(differences)
    print(
        f"\nsame verdict at home (NumPy 2.0.2) and in the grader: {len(SAMPLE)} notebooks, "
        f"{sum(len(v) for v in home.values())} test cells"
    )


def test_the_reference_passes_every_visible_test_on_numpy_1_26(written):
    references = [path for item, path in zip(SAMPLE, written) if item["name"] == "reference"]
    home = _verdicts(_start_at_home("1.26.4", references))
    failed = {
        f"{path} {test}": message for path, verdicts in home.items() for test, message in verdicts.items() if message
    }
    assert not failed and len(home) == len(references)
