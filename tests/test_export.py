"""The instructor's whole path on real exports: collect, grade, feedback, report, export, and back by id.

A class with two Jane Smiths, "Zhang Wei" and "Zhang Wei 张伟", a Chinese-only
name, accented names and a name with a comma and quotes (tests/exports.py),
exported by Canvas and by Moodle (re-zipped in one top folder), graded on two
chapters; chapter 3 was handed in by three students only.
"""

import csv
import io

import pytest

from autograder.__main__ import main
from autograder.course import Course, CourseError
from autograder.examples import submission
from autograder.export import export
from bookbuild.sources import ROOT, dumps
from tests.exports import CHAPTER, CLASS, canvas_name, canvas_zip, moodle_worksheet, moodle_zip

pytestmark = pytest.mark.slow
LATER = "03_cross_entropy"
LATER_STUDENTS = ["10001", "10004", "10008"]


def cli(*args):
    assert main(list(args)) == 0


def later_export(platform, path):
    """Chapter 3, handed in by three students only."""
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        for i, (name, pid, _) in enumerate(CLASS):
            if pid not in LATER_STUDENTS:
                continue
            member = (f"{canvas_name(name)}_{pid}_{7000 + i}_{LATER}.ipynb" if platform == "canvas"
                      else f"{name}_{pid}_assignsubmission_file_/{LATER}.ipynb")
            archive.writestr(member, dumps(submission(LATER)))
    return path


@pytest.fixture(scope="module", params=["canvas", "moodle"])
def graded(request, tmp_path_factory):
    platform = request.param
    root = tmp_path_factory.mktemp(platform)
    course = str(root / "course")
    cli("release", "1", "3", "--course", course)
    first = (canvas_zip if platform == "canvas" else moodle_zip)(root / "first.zip", top_folder="submissions")
    extra = ["--worksheet", str(moodle_worksheet(root / "worksheet.csv"))] if platform == "moodle" else []
    cli("collect", "1", str(first), "--course", course, *extra)
    cli("collect", "3", str(later_export(platform, root / "later.zip")), "--course", course)
    for chapter in ["1", "3"]:
        cli("grade", chapter, "--course", course, "--jobs", "2")
        cli("feedback", chapter, "--course", course)
        cli("report", chapter, "--course", course)
    out = root / "out" / f"{platform}.csv"
    cli("export", "1", "3", "--to", platform, "--out", str(out), "--course", course, "--assignment-id", "1=501")
    return platform, Course(course), out


def rows_of(out):
    return list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))


def test_the_export_maps_back_to_every_platform_id_once(graded):
    platform, _, out = graded
    rows = rows_of(out)
    key = (lambda r: r["ID"]) if platform == "canvas" else (lambda r: r["Participant"].removeprefix("Participant "))
    assert sorted(key(r) for r in rows) == sorted(pid for _, pid, _ in CLASS), "nobody lost, nobody merged"


def test_one_column_per_chapter_and_not_submitted_is_empty(graded):
    platform, course, out = graded
    rows = rows_of(out)
    first = f"{CHAPTER} (501)" if platform == "canvas" else CHAPTER
    with out.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    if platform == "canvas":
        assert header == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", first, LATER]
    else:
        assert header == ["Participant", "Full name", "Email address", CHAPTER, LATER]
    by_id = {(r.get("ID") or r["Participant"].removeprefix("Participant ")): r for r in rows}
    full = max(float(r[first]) for r in rows)
    for name, pid, kind in CLASS:
        row = by_id[pid]
        assert (float(row[first]) == full) == (kind == "right"), (name, row)
        assert row[LATER] == ("" if pid not in LATER_STUDENTS else row[LATER]) and (row[LATER] != "") == (pid in LATER_STUDENTS)


def test_names_survive_the_round_trip(graded):
    platform, _, out = graded
    rows = rows_of(out)
    if platform == "moodle":
        names = {r["Participant"]: (r["Full name"], r["Email address"]) for r in rows}
        assert names["Participant 10004"] == ("Zhang Wei 张伟", "p10004@example.edu")
        assert names["Participant 10008"][0] == 'Mary "May" O\'Brien, Jr.'  # one field, quoted by the csv module
        assert names["Participant 10006"][0] == "José Núñez"
    else:
        assert {r["Student"] for r in rows} >= {"张伟", "weizhang", "núñezjosé"}


def test_the_grade_sheet_says_not_submitted(graded):
    _, course, _ = graded
    with (course.root / "grades.csv").open(encoding="utf-8") as sheet:
        later = [r for r in csv.DictReader(sheet) if r["assignment"] == LATER]
    assert len(later) == len(CLASS)
    missing = [r for r in later if r["status"] == "not submitted"]
    assert len(missing) == len(CLASS) - len(LATER_STUDENTS) and all(r["score"] == "" for r in missing)


def test_the_report_lists_who_did_not_submit(graded):
    platform, course, _ = graded
    page = (course.root / "reports" / f"{LATER}.html").read_text(encoding="utf-8")
    missing = page.split("<h2>Not submitted</h2>")[1].split("</ul>")[0]
    assert all((f"{platform}-{pid}" in missing) == (pid not in LATER_STUDENTS) for _, pid, _ in CLASS)
    assert ("José Núñez" if platform == "moodle" else "núñezjosé") in missing


def test_every_submitter_has_a_feedback_page(graded):
    _, course, _ = graded
    for student in course.students(CHAPTER):
        assert course.feedback(student, CHAPTER).exists()
    assert len(course.students(CHAPTER)) == len(CLASS)


def test_grades_are_never_written_inside_the_repository(graded):
    _, course, _ = graded
    with pytest.raises(CourseError, match="inside the repository"):
        export(course, ["1"], "csv", ROOT / "grades.csv")
    with pytest.raises(CourseError, match="inside the repository"):
        export(course, ["1"], "csv", ROOT / "course" / "x.csv")
