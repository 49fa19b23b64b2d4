"""The instructor's whole path on real exports: collect, grade, feedback, report, export, and back by id.

A class with two Jane Smiths, "Zhang Wei" and "Zhang Wei 张伟", a Chinese-only
name, accented names and a name with a comma and quotes (tests/exports.py),
exported by Canvas and by Moodle (re-zipped in one top folder), graded on two
chapters; chapter 3 was handed in by three students only. In Moodle, as there,
chapter 3's participant ids differ from chapter 1's: the export joins them by email.
Every command runs as an ordinary user (CI runs as root; instructors do not).
"""

import csv
import io
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from autograder.course import Course, CourseError
from autograder.examples import canvas_path, moodle_path, submission
from autograder.export import export
from chapterkit.sources import ROOT, dumps
from tests.accounts import give, ordinary_account
from tests.exports import CHAPTER, CLASS, canvas_zip, email, moodle_participant, moodle_worksheet, moodle_zip

pytestmark = pytest.mark.slow
LATER = "03_cross_entropy"
LATER_STUDENTS = ["10001", "10004", "10008"]
LATER_OFFSET = 10000  # chapter 3's Moodle participant ids


@pytest.fixture(scope="module")
def account():
    with ordinary_account() as found:
        yield found


def later_export(platform, path):
    """Chapter 3, handed in by three students only."""
    with zipfile.ZipFile(path, "w") as archive:
        for i, (name, pid, _) in enumerate(CLASS):
            if pid not in LATER_STUDENTS:
                continue
            member = (
                canvas_path(name, pid, 7000 + i, f"{LATER}.ipynb")
                if platform == "canvas"
                else moodle_path(name, moodle_participant(pid, LATER_OFFSET), f"{LATER}.ipynb")
            )
            archive.writestr(member, dumps(submission(LATER)))
    return path


@pytest.fixture(scope="module", params=["canvas", "moodle"])
def graded(request, account):
    """The walkthrough's commands, each run as an ordinary user (CI is root), in a folder of theirs."""
    prefix, uid, gid = account
    platform = request.param
    root = Path(tempfile.mkdtemp(prefix=f"export-{platform}-", dir="/tmp"))
    course = str(root / "course")
    first = (canvas_zip if platform == "canvas" else moodle_zip)(root / "first.zip", top_folder="submissions")
    later = later_export(platform, root / "later.zip")
    worksheets = {
        offset: ["--worksheet", str(moodle_worksheet(root / f"worksheet{offset}.csv", offset))]
        if platform == "moodle"
        else []
        for offset in (0, LATER_OFFSET)
    }
    out = root / "out" / f"{platform}.csv"
    out.parent.mkdir()
    give(root, uid, gid)

    def cli(*args):
        done = subprocess.run(
            [
                *prefix,
                "env",
                f"HOME={root}",
                "TMPDIR=/tmp",
                sys.executable,
                "-m",
                "autograder",
                *args,
                "--course",
                course,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert done.returncode == 0, f"{args}: {done.stderr[-3000:]}"

    cli("release", "1", "3")
    cli("collect", "1", str(first), *worksheets[0])
    cli("collect", "3", str(later), *worksheets[LATER_OFFSET])
    for chapter in ["1", "3"]:
        cli("grade", chapter, "--jobs", "2")
        cli("feedback", chapter)
        cli("report", chapter)
    cli("export", "1", "3", "--to", platform, "--out", str(out), "--assignment-id", "1=501")
    yield platform, Course(course), out
    shutil.rmtree(root)


def rows_of(out):
    return list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))


def person_of(platform):
    """Map an exported row back to the class list's id: Canvas's user id, or (Moodle) the email."""
    if platform == "canvas":
        return lambda row: row["ID"]
    by_email = {email(pid): pid for _, pid, _ in CLASS}
    return lambda row: by_email[row["Email address"]]


def test_the_export_maps_back_to_every_person_once(graded):
    platform, _, out = graded
    assert sorted(map(person_of(platform), rows_of(out))) == sorted(pid for _, pid, _ in CLASS), (
        "nobody lost, nobody merged"
    )


@pytest.mark.parametrize("graded", ["moodle"], indirect=True)
def test_moodle_rows_name_every_participant_id_of_the_person(graded):
    platform, _, out = graded
    rows = {person_of(platform)(r): r for r in rows_of(out)}
    assert rows["10004"]["Participant"] == f"Participant 10004; Participant {moodle_participant('10004', LATER_OFFSET)}"
    assert rows["10005"]["Participant"] == "Participant 10005"


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
    by_person = {person_of(platform)(r): r for r in rows}
    full = max(float(r[first]) for r in rows)
    for name, pid, kind in CLASS:
        row = by_person[pid]
        assert (float(row[first]) == full) == (kind == "right"), (name, row)
        assert (row[LATER] != "") == (pid in LATER_STUDENTS), (name, row)


def test_names_survive_the_round_trip(graded):
    platform, _, out = graded
    rows = rows_of(out)
    if platform == "moodle":
        names = {r["Email address"]: r["Full name"] for r in rows}
        assert names[email("10004")] == "Zhang Wei 张伟" and names[email("10003")] == "Zhang Wei"
        assert names[email("10008")] == 'Mary "May" O\'Brien, Jr.'  # one field, quoted by the csv module
        assert names[email("10006")] == "José Núñez"
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
        assert course.feedback_path(student, CHAPTER).exists()
    assert len(course.students(CHAPTER)) == len(CLASS)


def test_grades_are_never_written_inside_the_repository(graded):
    _, course, _ = graded
    with pytest.raises(CourseError, match="inside the repository"):
        export(course, ["1"], "csv", ROOT / "grades.csv")
    with pytest.raises(CourseError, match="inside the repository"):
        export(course, ["1"], "csv", ROOT / "course" / "x.csv")
