"""The instructor's walkthrough end to end: release, collect, grade, feedback, report.

With bad input among the submissions, and the stock nbgrader commands on the same folder.
"""

import csv
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from autograder.__main__ import main
from autograder.examples import release_notebook, submission
from bookbuild.sources import ROOT, dumps

pytestmark = pytest.mark.slow
CHAPTER = "01_one_neuron"
WRONG_SIGN = "import numpy as np\ndef sigmoid(z):\n    return 1 / (1 + np.exp(np.asarray(z, dtype=float)))\n"


def cli(*args):
    assert main(list(args)) == 0


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("walkthrough")
    course_dir = root / "course"
    cli("release", "1", "3", "--course", str(course_dir))
    export = root / "export.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("Ada Lovelace_1001_assignsubmission_file_/01_one_neuron.ipynb", dumps(submission(CHAPTER)))
        archive.writestr("Alan Turing_1002_assignsubmission_file_/sigmoid.ipynb", dumps(submission(CHAPTER, {"sigmoid": WRONG_SIGN})))
        archive.writestr("Blank Page_1003_assignsubmission_file_/01_one_neuron.ipynb", dumps(release_notebook(CHAPTER)))
        archive.writestr("Cut Short_1004_assignsubmission_file_/01_one_neuron.ipynb", dumps(submission(CHAPTER))[:900])
        archive.writestr("Empty Handed_1005_assignsubmission_file_/01_one_neuron.ipynb", "")
        archive.writestr("Wrong Week_1006_assignsubmission_file_/03.ipynb", dumps(submission("03_cross_entropy")))
        archive.writestr("Only Pdf_1007_assignsubmission_file_/answers.pdf", b"%PDF-1.4 \xff\xfe")
        archive.writestr("Re Named_1008_assignsubmission_file_/01_one_neuron.json", dumps(submission(CHAPTER)))
        extra = submission(CHAPTER)
        extra.cells.insert(3, nbformat.v4.new_code_cell("scratch = 42"))
        archive.writestr("Extra Cells_1009_assignsubmission_file_/01_one_neuron.ipynb", dumps(extra))
        archive.writestr("__MACOSX/._junk", b"\x00")
    cli("--course", str(course_dir), "collect", "1", str(export))
    cli("grade", "1", "--course", str(course_dir))
    cli("feedback", "1", "--course", str(course_dir))
    cli("report", "1", "--course", str(course_dir))
    return course_dir


def sheet(course_dir, chapter):
    with (course_dir / "grades.csv").open() as f:
        return {row["student_id"]: row for row in csv.DictReader(f) if row["assignment"] == chapter}


def test_the_release_is_the_books_download(course):
    assert (course / "release" / CHAPTER / f"{CHAPTER}.ipynb").read_text() == dumps(release_notebook(CHAPTER))


def test_the_grade_sheet_is_nbgraders_export_plus_a_problem_column(course):
    with (course / "grades.csv").open() as f:
        header = next(csv.reader(f))
    assert header == ["assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
                      "raw_score", "late_submission_penalty", "score", "max_score", "problem"]


def test_every_student_has_a_row_and_bad_input_a_reason(course):
    rows = sheet(course, CHAPTER)
    full = rows["ada-lovelace"]["max_score"]
    assert rows["ada-lovelace"]["score"] == full and not rows["ada-lovelace"]["problem"]
    assert 0 < float(rows["alan-turing"]["score"]) < float(full)
    assert float(rows["blank-page"]["score"]) == 0
    assert "truncated" in rows["cut-short"]["problem"] and float(rows["cut-short"]["score"]) == 0
    assert "empty" in rows["empty-handed"]["problem"]
    assert "notebook of 03_cross_entropy" in rows["wrong-week"]["problem"]
    assert "not a text file" in rows["only-pdf"]["problem"]
    assert rows["re-named"]["score"] == full and "not .ipynb" in rows["re-named"]["problem"]
    assert rows["extra-cells"]["score"] == full and "extra cells" in rows["extra-cells"]["problem"]


def test_feedback_names_the_mistake_and_hides_the_hidden_tests(course):
    page = (course / "feedback" / "alan-turing" / CHAPTER / f"{CHAPTER}.html").read_text()
    assert "Likely mistake" in page and "sign of the exponent" in page
    assert "reference_sigmoid" not in page and "grading_rng" not in page and "BEGIN HIDDEN TESTS" not in page


def test_the_report_has_its_figures(course):
    page = (course / "reports" / f"{CHAPTER}.html").read_text()
    assert page.count("data:image/png;base64,") == 3
    assert "sign of the exponent" in page


def test_stock_nbgrader_commands_work_on_the_same_folder(course, tmp_path):
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    out = tmp_path / "export.csv"
    nbgrader = [str(Path(sys.executable).parent / "nbgrader")]
    common = [f"--CourseDirectory.root={course}"]
    subprocess.run([*nbgrader, "export", *common, f"--to={out}"], cwd=ROOT, env=env, check=True, capture_output=True)
    rows = list(csv.DictReader(out.read_text().splitlines()))
    assert {r["student_id"] for r in rows} >= {"ada-lovelace", "alan-turing"}
    subprocess.run([*nbgrader, "generate_feedback", CHAPTER, "--student=alan-turing", "--force", *common],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    page = (course / "feedback" / "alan-turing" / CHAPTER / f"{CHAPTER}.html").read_text()
    assert "reference_sigmoid" not in page, "stock generate_feedback must use the repository's safe configuration"


def test_students_can_validate_their_notebook(tmp_path):
    done = tmp_path / "done.ipynb"
    nbformat.write(submission(CHAPTER), done)
    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    result = subprocess.run([nbgrader, "validate", str(done)], capture_output=True, text=True, cwd=tmp_path)
    assert "Success! Your notebook passes all the tests." in result.stdout, result.stdout + result.stderr
    blank = tmp_path / "blank.ipynb"
    nbformat.write(release_notebook(CHAPTER), blank)
    result = subprocess.run([nbgrader, "validate", str(blank)], capture_output=True, text=True, cwd=tmp_path)
    assert "NotImplementedError" in result.stdout
    json.loads(blank.read_text())  # validate leaves the file intact


def test_the_course_validate_prints_every_message_in_full_and_fails_with_the_notebook(tmp_path):
    wrong = tmp_path / "wrong.ipynb"
    nbformat.write(submission("03_cross_entropy", {"loss": (ROOT / "tests/corpus/03_cross_entropy/wrong_loss_log10.py").read_text()}), wrong)
    run = subprocess.run([sys.executable, "-m", "autograder", "validate", str(wrong)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Likely mistake: You used log base 10: the course uses the natural logarithm np.log (base 10 divides every loss by ln 10 = 2.303)." in run.stdout
    done = tmp_path / "done.ipynb"
    nbformat.write(submission(CHAPTER), done)
    run = subprocess.run([sys.executable, "-m", "autograder", "validate", str(done)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0 and "Success! Your notebook passes all the tests." in run.stdout, run.stdout + run.stderr
