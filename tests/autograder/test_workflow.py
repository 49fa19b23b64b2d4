"""The instructor's walkthrough end to end: release, collect, grade, feedback, report.

With bad input among the submissions, and the stock nbgrader commands on the same folder.
"""

import csv
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from autograder.__main__ import main
from autograder.course import Course
from autograder.examples import release_notebook, solution_cells, submission
from chapterkit.sources import ROOT, dumps

pytestmark = pytest.mark.slow
CHAPTER = "01_one_neuron"
SIGMOID = solution_cells(CHAPTER)["sigmoid"]
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
        archive.writestr(
            "Alan Turing_1002_assignsubmission_file_/sigmoid.ipynb", dumps(submission(CHAPTER, {"sigmoid": WRONG_SIGN}))
        )
        archive.writestr("Blank Page_1003_assignsubmission_file_/01_one_neuron.ipynb", dumps(release_notebook(CHAPTER)))
        archive.writestr("Cut Short_1004_assignsubmission_file_/01_one_neuron.ipynb", dumps(submission(CHAPTER))[:900])
        archive.writestr("Empty Handed_1005_assignsubmission_file_/01_one_neuron.ipynb", "")
        archive.writestr("Wrong Week_1006_assignsubmission_file_/03.ipynb", dumps(submission("03_cross_entropy")))
        archive.writestr("Only Pdf_1007_assignsubmission_file_/answers.pdf", b"%PDF-1.4 \xff\xfe")
        archive.writestr("Re Named_1008_assignsubmission_file_/01_one_neuron.json", dumps(submission(CHAPTER)))
        extra = submission(CHAPTER)
        extra.cells.insert(3, nbformat.v4.new_code_cell("scratch = 42"))
        archive.writestr("Extra Cells_1009_assignsubmission_file_/01_one_neuron.ipynb", dumps(extra))
        archive.writestr(
            "Syntax Error_1010_assignsubmission_file_/01_one_neuron.ipynb",
            dumps(submission(CHAPTER, {"sigmoid": "def sigmoid(z)\n    return z\n"})),
        )
        chatty = SIGMOID + 'print("hello from my sigmoid 4242")\n'
        archive.writestr(
            "Prints Things_1011_assignsubmission_file_/01_one_neuron.ipynb",
            dumps(submission(CHAPTER, {"sigmoid": chatty})),
        )
        thief = submission(CHAPTER, {"sigmoid": WRONG_SIGN})
        thief.cells.insert(-1, nbformat.v4.new_code_cell("pass"))
        thief.cells[-2]["id"] = "test_sigmoid_values"  # a test's grade id
        archive.writestr("Id Thief_1012_assignsubmission_file_/01_one_neuron.ipynb", dumps(thief))
        scripted = submission(CHAPTER)
        scripted.cells.append(nbformat.v4.new_markdown_cell('<script>alert("pwned")</script> [x](javascript:alert(2))'))
        archive.writestr("Script Kiddie_1013_assignsubmission_file_/01_one_neuron.ipynb", dumps(scripted))
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


def test_the_grade_sheet_is_nbgraders_columns_plus_status_and_problem(course):
    with (course / "grades.csv").open() as f:
        header = next(csv.reader(f))
    assert header == [
        "assignment",
        "duedate",
        "timestamp",
        "student_id",
        "last_name",
        "first_name",
        "email",
        "raw_score",
        "late_submission_penalty",
        "score",
        "max_score",
        "status",
        "problem",
    ]


def test_a_chapter_nobody_handed_in_is_not_on_the_sheet(course):
    with (course / "grades.csv").open() as f:
        assert {row["assignment"] for row in csv.DictReader(f)} == {CHAPTER}  # 03 was released, never collected


def test_every_student_has_a_row_and_bad_input_a_reason(course):
    rows = sheet(course, CHAPTER)
    full = rows["moodle-1001"]["max_score"]
    assert rows["moodle-1001"]["score"] == full and not rows["moodle-1001"]["problem"]
    assert rows["moodle-1001"]["first_name"] == "Ada" and rows["moodle-1001"]["last_name"] == "Lovelace"
    assert 0 < float(rows["moodle-1002"]["score"]) < float(full)
    assert float(rows["moodle-1003"]["score"]) == 0 and rows["moodle-1003"]["status"] == "graded"
    assert "truncated" in rows["moodle-1004"]["problem"] and float(rows["moodle-1004"]["score"]) == 0
    assert rows["moodle-1004"]["status"] == "not gradable"
    assert "empty" in rows["moodle-1005"]["problem"]
    assert "notebook of 03_cross_entropy" in rows["moodle-1006"]["problem"]
    assert "not a text file" in rows["moodle-1007"]["problem"]
    assert rows["moodle-1008"]["score"] == full and "not .ipynb" in rows["moodle-1008"]["problem"]
    assert rows["moodle-1009"]["score"] == full and "extra cells" in rows["moodle-1009"]["problem"]


def test_feedback_names_the_mistake_and_hides_the_hidden_tests(course):
    page = (course / "feedback" / "moodle-1002" / CHAPTER / f"{CHAPTER}.html").read_text()
    assert "Likely mistake" in page and "sign of the exponent" in page
    assert "reference_sigmoid" not in page and "grading_rng" not in page and "BEGIN HIDDEN TESTS" not in page
    assert "def expect_close" not in page, "the test kit's source is not shown"


def test_feedback_works_offline_and_names_the_tests(course):
    page = (course / "feedback" / "moodle-1001" / CHAPTER / f"{CHAPTER}.html").read_text()
    assert "cdnjs" not in page and not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "data:text/javascript;base64," in page
    assert ">Test cell<" not in page and ">test_sigmoid_values<" in page


def test_feedback_has_no_error_from_the_instructors_figures(course):
    page = (course / "feedback" / "moodle-1001" / CHAPTER / f"{CHAPTER}.html").read_text()
    assert "NameError" not in page and "Error" not in page.split("Your tests at a glance")[1].split("</table>")[0]


def feedback_page(course, student):
    return (course / "feedback" / student / CHAPTER / f"{CHAPTER}.html").read_text()


def test_feedback_shows_the_students_own_errors_and_prints(course):
    broken = feedback_page(course, "moodle-1010")
    assert "SyntaxError" in broken
    assert "hello from my sigmoid 4242" in feedback_page(course, "moodle-1011")


def test_a_student_cell_with_a_tests_id_does_not_pass_that_test(course):
    page = feedback_page(course, "moodle-1012")
    row = page.split("<code>test_sigmoid_values</code>")[1].split("</tr>")[0]
    assert "passed" not in row
    assert float(sheet(course, CHAPTER)["moodle-1012"]["score"]) < float(sheet(course, CHAPTER)["moodle-1001"]["score"])


def test_student_markdown_cannot_run_script(course):
    page = feedback_page(course, "moodle-1013")
    assert '<script>alert("pwned")' not in page and 'href="javascript:' not in page.lower()
    assert "alert(&quot;pwned&quot;)" in page or 'alert("pwned")' in page  # shown as text


def test_every_student_who_handed_in_something_gets_a_page_saying_why(course):
    for student in ["moodle-1004", "moodle-1005", "moodle-1006", "moodle-1007"]:
        page = (course / "feedback" / student / CHAPTER / f"{CHAPTER}.html").read_text()
        assert "could not be graded" in page
    assert (
        "notebook of 03_cross_entropy"
        in (course / "feedback" / "moodle-1006" / CHAPTER / f"{CHAPTER}.html").read_text()
    )


def test_the_report_has_its_figures_and_a_table_of_students(course):
    page = (course / "reports" / f"{CHAPTER}.html").read_text()
    assert page.count("data:image/png;base64,") == 3
    assert "sign of the exponent" in page
    assert '<a href="../feedback/moodle-1002/01_one_neuron/01_one_neuron.html">Alan Turing</a>' in page
    could_not = page.split("<h2>Could not be graded</h2>")[1].split("</ul>")[0]
    assert "Cut Short" in could_not and "truncated" in could_not and "Ada Lovelace" not in could_not
    assert "failed tests matched no known mistake" in page


def stock(course, *args):
    """A stock nbgrader command, run from the repository's top folder as the README says."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    common = [f"--CourseDirectory.root={course}", f"--Exchange.root={course / 'exchange'}"]
    return subprocess.run([nbgrader, *args, *common], cwd=ROOT, env=env, check=True, capture_output=True, text=True)


def test_stock_export_writes_outside_the_repositorys_top_folder(course, tmp_path):
    out = tmp_path / "export.csv"
    stock(course, "export", f"--to={out}")
    rows = list(csv.DictReader(out.read_text().splitlines()))
    assert {r["student_id"] for r in rows} >= {"moodle-1001", "moodle-1002"}
    stock(course, "export")  # its default file is in the gitignored course folder, never the top folder
    assert not (ROOT / "grades.csv").exists()
    ignored = subprocess.run(["git", "check-ignore", "-q", "course/nbgrader-grades.csv"], cwd=ROOT)
    assert ignored.returncode == 0


def test_stock_generate_feedback_is_safe(course):
    stock(course, "generate_feedback", CHAPTER, "--student=moodle-1002", "--force")
    page = (course / "feedback" / "moodle-1002" / CHAPTER / f"{CHAPTER}.html").read_text()
    assert "reference_sigmoid" not in page, "stock generate_feedback must use the repository's safe configuration"


def test_stock_release_feedback_works_after_the_courses_feedback(course):
    stock(course, "release_feedback", CHAPTER)
    released = list((course / "exchange" / "logistic-regression" / "feedback").glob("*.html"))
    assert len(released) == len(list((course / "feedback").glob(f"*/{CHAPTER}/{CHAPTER}.html")))


def test_stock_generate_assignment_and_release_assignment_use_the_exchange(course):
    stock(course, "generate_assignment", CHAPTER, "--force")
    stock(course, "release_assignment", CHAPTER, "--force")
    assert (course / "exchange" / "logistic-regression" / "outbound" / CHAPTER / f"{CHAPTER}.ipynb").exists()
    assert Course(course).api().exchange_is_functional, "formgrader offers release and collect only with an exchange"


def test_stock_autograde_grades_one_student(course):
    stock(course, "autograde", CHAPTER, "--student=moodle-1001", "--force")
    assert (course / "autograded" / "moodle-1001" / CHAPTER / f"{CHAPTER}.ipynb").exists()


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
    nbformat.write(
        submission(
            "03_cross_entropy", {"loss": (ROOT / "tests/corpus/03_cross_entropy/loss/wrong_loss_log10.py").read_text()}
        ),
        wrong,
    )
    run = subprocess.run(
        [sys.executable, "-m", "autograder", "validate", str(wrong)], capture_output=True, text=True, cwd=ROOT
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert (
        "Likely mistake: You used log base 10: the course uses the natural logarithm np.log (base 10 divides every loss by ln 10 = 2.303)."
        in run.stdout
    )
    done = tmp_path / "done.ipynb"
    nbformat.write(submission(CHAPTER), done)
    run = subprocess.run(
        [sys.executable, "-m", "autograder", "validate", str(done)], capture_output=True, text=True, cwd=ROOT
    )
    assert run.returncode == 0 and "Success! Your notebook passes all the tests." in run.stdout, run.stdout + run.stderr
