"""Reading learning-platform exports, and checking each submitted file.

Students are told apart by the platform's id, whatever their names; tests/exports.py
writes Canvas's and Moodle's own layouts.
"""

import json
import os
import shutil
import struct
import zipfile
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from nbgrader.api import Gradebook

from autograder.collect import collect, read_export, safe_id, student_of
from autograder.course import Course, CourseError
from autograder.examples import release_notebook, submission
from autograder.limits import SUBMITTED_FILE_BYTES
from autograder.release import release
from autograder.submission import check_submission
from chapterkit.sources import dumps
from tests.exports import CLASS, canvas_zip, moodle_worksheet, moodle_zip

CHAPTER = "01_one_neuron"


@pytest.mark.parametrize(
    "path, student, name",
    [
        ("alice/01_one_neuron.ipynb", "alice", "alice"),
        ("Jane Doe_123456_assignsubmission_file_/my notebook.ipynb", "moodle-123456", "Jane Doe"),  # Moodle
        ("张伟_77_assignsubmission_file_/x.ipynb", "moodle-77", "张伟"),
        ("smithj_late_4821_99231_01_one_neuron.ipynb", "canvas-4821", "smithj"),  # Canvas, late
        ("smithj_4821_99231_01_one_neuron-1.ipynb", "canvas-4821", "smithj"),  # Canvas, resubmitted
        ("张伟_4822_99232_01_one_neuron.ipynb", "canvas-4822", "张伟"),
        ("bob.ipynb", "bob", "bob"),
        ("carol_01_one_neuron.ipynb", "carol", "carol"),
        ("Élodie Brontë/x.ipynb", "élodie-brontë", "Élodie Brontë"),  # no lossy slug
        ("张伟/x.ipynb", "张伟", "张伟"),
    ],
)
def test_the_student_is_read_from_the_path(path, student, name):
    found = student_of(path)
    assert (found.id, found.name) == (student, name)


def test_canvas_late_marker_is_kept():
    assert student_of("smithj_late_4821_99231_a.ipynb").late and not student_of("smithj_4821_99231_a.ipynb").late


def test_a_custom_pattern_names_the_student():
    assert student_of("export/s1234567-week1.ipynb", r"export/s(?P<student>\d+)-").id == "1234567"
    with pytest.raises(CourseError, match="student"):
        student_of("export/x.ipynb", r"export/(\w+)")


def test_a_name_without_letters_or_digits_is_refused():
    with pytest.raises(CourseError):
        safe_id("***")


def check(data, filename="x.ipynb"):
    release = release_notebook(CHAPTER)
    others = {"03_cross_entropy": {"loss", "cost", "test_loss_values", "testkit"}}
    return check_submission(data, filename, CHAPTER, release, others)


def test_a_good_notebook_is_gradable():
    checked = check(dumps(submission(CHAPTER)).encode())
    assert checked.gradable and not checked.notes


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "is empty"),
        (b"   \n", "is empty"),
        (b"%PDF-1.7 \xff\xfe binary", "not a text file"),
        (dumps(submission(CHAPTER)).encode()[:500], "ends early (truncated?)"),
        (b'{"cells": [}', "invalid JSON"),
        (b'{"hello": "world"}', "not a Jupyter notebook"),
        (
            json.dumps({"cells": [{"cell_type": "code"}], "nbformat": 4, "nbformat_minor": 5, "metadata": {}}).encode(),
            "damaged notebook",
        ),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(data, reason):
    checked = check(data)
    assert not checked.gradable and reason in " ".join(checked.problems)


def test_a_notebook_of_another_chapter_is_recognized():
    nb = submission(CHAPTER)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "sigmoid":
            cell.metadata["nbgrader"]["grade_id"] = "loss"
    for cell in nb.cells:
        if "nbgrader" in cell.metadata and cell.metadata["nbgrader"]["grade_id"] not in {"loss", "testkit"}:
            cell.metadata.pop("nbgrader")
    checked = check(dumps(nb).encode())
    assert checked.problems == ["this is the notebook of 03_cross_entropy, not of 01_one_neuron"]


def test_a_notebook_stripped_of_metadata_is_refused():
    nb = submission(CHAPTER)
    for cell in nb.cells:
        cell.metadata.pop("nbgrader", None)
    assert "none of the chapter's exercise cells" in check(dumps(nb).encode()).problems[0]


def test_a_renamed_file_and_extra_cells_are_graded_with_notes():
    import nbformat

    nb = submission(CHAPTER)
    nb.cells.append(nbformat.v4.new_code_cell("print('my own experiment')"))
    checked = check(dumps(nb).encode(), filename="01_one_neuron.ipynb.txt")
    assert checked.gradable
    assert any("not .ipynb" in n for n in checked.notes) and any("extra cells" in n for n in checked.notes)


# --- whole exports, into a course folder ---------------------------------------------


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    course = Course(tmp_path_factory.mktemp("released") / "course")
    release(course, ["1"])
    return course


@pytest.fixture
def course(released, tmp_path):
    """A fresh course folder holding only chapter 1's release (copied, not released again)."""
    root = tmp_path / "course"
    shutil.copytree(released.root / "release", root / "release")
    shutil.copytree(released.root / "source", root / "source")
    shutil.copyfile(released.root / "gradebook.db", root / "gradebook.db")
    return Course(root)


@pytest.mark.parametrize("platform", ["canvas", "moodle"])
@pytest.mark.parametrize("top_folder", [None, "submissions"])
def test_every_student_of_a_real_export_is_imported_apart(course, tmp_path, platform, top_folder):
    make = canvas_zip if platform == "canvas" else moodle_zip
    outcomes = collect(course, CHAPTER, make(tmp_path / "export.zip", top_folder))
    assert sorted(outcomes) == sorted(f"{platform}-{pid}" for _, pid, _ in CLASS)
    assert all(o["imported"] for o in outcomes.values()), outcomes
    with Gradebook(course.db_url) as gradebook:
        names = {s.id: (s.first_name or "", s.last_name or "", s.lms_user_id) for s in gradebook.students}
    if platform == "moodle":
        assert names["moodle-10004"] == ("Zhang Wei", "张伟", "10004")
        assert names["moodle-10005"] == ("", "张伟", "10005")
        assert names["moodle-10001"][:2] == names["moodle-10002"][:2] == ("Jane", "Smith")
        assert names["moodle-10006"][:2] == ("José", "Núñez")
    else:
        assert outcomes["canvas-10007"]["late"] and not outcomes["canvas-10006"]["late"]
        assert any("late" in note for note in outcomes["canvas-10007"]["notes"])


def test_the_worksheet_gives_moodle_students_their_email(course, tmp_path):
    collect(course, CHAPTER, moodle_zip(tmp_path / "m.zip"), worksheet=moodle_worksheet(tmp_path / "w.csv"))
    with Gradebook(course.db_url) as gradebook:
        assert gradebook.find_student("moodle-10004").email == "p10004@example.edu"


def test_two_notebooks_from_one_student_are_an_error_naming_both(course, tmp_path):
    export = tmp_path / "two.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("smithjane_10001_5000_01_one_neuron.ipynb", dumps(submission(CHAPTER)))
        archive.writestr("smithjane_10001_5000_01_one_neuron-1.ipynb", dumps(submission(CHAPTER)))
    (outcome,) = collect(course, CHAPTER, export).values()
    assert not outcome["imported"]
    assert "01_one_neuron.ipynb" in outcome["problems"][0] and "01_one_neuron-1.ipynb" in outcome["problems"][0]


def test_two_folders_that_make_one_id_are_refused(course, tmp_path):
    for folder in ["Zhang Wei", "zhang  wei"]:
        (tmp_path / "export" / folder).mkdir(parents=True)
        (tmp_path / "export" / folder / "a.ipynb").write_text(dumps(submission(CHAPTER)))
    with pytest.raises(CourseError, match="'Zhang Wei' and 'zhang  wei' would both be 'zhang-wei'"):
        collect(course, CHAPTER, tmp_path / "export")


def test_a_corrupt_member_is_that_students_reason(course, tmp_path):
    export = tmp_path / "corrupt.zip"
    with zipfile.ZipFile(export, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Ada_1_assignsubmission_file_/01_one_neuron.ipynb", dumps(submission(CHAPTER)))
        archive.writestr("Bob_2_assignsubmission_file_/01_one_neuron.ipynb", dumps(submission(CHAPTER)))
    data = bytearray(export.read_bytes())
    with zipfile.ZipFile(export) as archive:
        bob = archive.getinfo("Bob_2_assignsubmission_file_/01_one_neuron.ipynb")
    start = bob.header_offset + 30 + len(bob.filename) + len(bob.extra)
    data[start + 10 : start + 60] = b"\x00" * 50  # damage Bob's compressed bytes
    export.write_bytes(bytes(data))
    outcomes = collect(course, CHAPTER, export)
    assert outcomes["moodle-1"]["imported"]
    assert not outcomes["moodle-2"]["imported"] and "damaged in the zip" in outcomes["moodle-2"]["problems"][0]


def test_a_file_far_larger_than_a_notebook_is_not_read(tmp_path):
    export = tmp_path / "bomb.zip"
    with zipfile.ZipFile(export, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ada/01_one_neuron.ipynb", "{}")
        with archive.open("bo/01_one_neuron.ipynb", "w", force_zip64=True) as bomb:  # 64 KiB inflating to 65 MiB
            for _ in range(SUBMITTED_FILE_BYTES // 2**20 + 1):
                bomb.write(bytes(2**20))
    entries = {e.path: e for e in read_export(export)}
    assert entries["ada/01_one_neuron.ipynb"].data == b"{}"
    bomb = entries["bo/01_one_neuron.ipynb"]
    assert bomb.data is None and "larger than 64 MiB" in bomb.problem
    assert export.stat().st_size < 2**20


def test_a_truncated_zip_is_called_truncated(course, tmp_path):
    export = canvas_zip(tmp_path / "export.zip")
    export.write_bytes(export.read_bytes()[:2000])
    with pytest.raises(CourseError, match="truncated zip"):
        collect(course, CHAPTER, export)


def test_zip_times_are_read_as_local_time_or_from_the_extended_timestamp(tmp_path):
    export = tmp_path / "times.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr(zipfile.ZipInfo("a/local.ipynb", date_time=(2026, 3, 1, 12, 0, 0)), "{}")
        exact = zipfile.ZipInfo("a/exact.ipynb", date_time=(2026, 3, 1, 12, 0, 0))
        moment = int(datetime(2026, 3, 1, 20, 30, tzinfo=UTC).timestamp())
        exact.extra = struct.pack("<HHBI", 0x5455, 5, 1, moment)
        archive.writestr(exact, "{}")
    entries = {e.path: e.modified for e in read_export(export, ZoneInfo("Asia/Shanghai"))}
    assert entries["a/local.ipynb"] == datetime(2026, 3, 1, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai
    assert entries["a/exact.ipynb"] == datetime(2026, 3, 1, 20, 30, tzinfo=UTC)


def test_a_symlink_out_of_the_export_is_not_followed(course, tmp_path):
    secret = tmp_path / "outside.ipynb"
    secret.write_text(dumps(submission(CHAPTER)))
    (tmp_path / "export" / "mallory").mkdir(parents=True)
    os.symlink(secret, tmp_path / "export" / "mallory" / "01_one_neuron.ipynb")
    os.symlink(tmp_path, tmp_path / "export" / "eve")
    outcomes = collect(course, CHAPTER, tmp_path / "export")
    assert set(outcomes) == {"mallory", "eve"}
    assert not outcomes["mallory"]["imported"] and "symbolic link" in outcomes["mallory"]["problems"][0]
    assert not course.submitted_path("mallory", CHAPTER).exists()


def test_another_chapters_notebook_is_named_even_if_never_released_here(course, tmp_path):
    (tmp_path / "export" / "ada").mkdir(parents=True)
    (tmp_path / "export" / "ada" / "nb.ipynb").write_text(dumps(submission("05_vectorization")))
    assert not course.release_path("05_vectorization").exists()
    (outcome,) = collect(course, CHAPTER, tmp_path / "export").values()
    assert outcome["problems"] == ["this is the notebook of 05_vectorization, not of 01_one_neuron"]


def test_utf8_names_in_a_zip_without_the_utf8_flag_are_read_as_utf8(tmp_path):
    """macOS's Archive Utility writes UTF-8 names without the flag."""
    export = tmp_path / "mac.zip"
    real = "张伟_77_assignsubmission_file_/x.ipynb".encode()
    stand_in = b"a" * len("张伟".encode()) + real[len("张伟".encode()) :]
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr(stand_in.decode("ascii"), "{}")  # ASCII: no UTF-8 flag
    export.write_bytes(export.read_bytes().replace(stand_in, real))
    with zipfile.ZipFile(export) as archive:
        assert not archive.infolist()[0].flag_bits & 0x800
    assert [e.path for e in read_export(export)] == ["张伟_77_assignsubmission_file_/x.ipynb"]
