"""collect: import submissions exported by a learning platform into ``submitted/``.

SOURCE is a folder or a zip, as the platform wrote it or re-zipped (one
enclosing top folder is looked through). Each file's student is read from its
path, and the student's identity is the platform's own id, never their name:

* Canvas (``submissions.zip``): ``<name>[_late]_<user id>_<submission id>_<file>``;
  the student is ``canvas-<user id>``;
* Moodle ("Download all submissions"): ``<Full Name>_<participant id>_assignsubmission_file_/<file>``;
  the student is ``moodle-<participant id>``, with the full name kept for display;
* any other folder per student, ``<student>/<file>``, or ``--pattern REGEX`` with a
  ``(?P<student>...)`` group: the student id is that text made safe for a folder
  name (Unicode letters kept); two texts that would make the same id are an error.

Names (first, last, email where the export has them) go to the gradebook with
the id, so two "Jane Smith"s stay two students. Every student gets one outcome:
imported (with notes, perhaps) or a problem that keeps the file out of grading
and is reported on the grade sheet and on their feedback page.

Submission times: a folder's file times are exact. A zip entry's time is the
local wall-clock time of whoever made the zip, with no zone; when the entry
carries the "extended timestamp" field (Info-ZIP, and most zip tools on Linux
and macOS) that exact UTC time is used, otherwise the time is read in
``--timezone`` (default: this machine's zone). Times are stored in UTC.
"""

import csv
import os
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

import nbformat

from .course import CourseError
from .limits import SUBMITTED_FILE_BYTES
from .submission import check_submission, grade_ids

_MOODLE = re.compile(r"^(?P<name>.+)_(?P<id>\d+)_assignsubmission_[a-z]+_?$")
_CANVAS = re.compile(r"^(?P<name>[^_/]+?)(?P<late>_late)?_(?P<id>\d+)_(?P<submission>\d+)_(?P<file>.+)$")
_IGNORED = re.compile(r"(^|/)(__MACOSX|\.ipynb_checkpoints)(/|$)|(^|/)\.[^/]*$")
_EXTENDED_TIMESTAMP = 0x5455


@dataclass
class Entry:
    path: str  # inside SOURCE, with forward slashes
    data: bytes | None  # None when the file could not be read; ``problem`` says why
    modified: datetime | None
    problem: str = ""


@dataclass
class Student:
    id: str  # the nbgrader student id: a folder name, derived from the platform id
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    platform_id: str = ""  # Canvas user id or Moodle participant id; nbgrader's lms_user_id
    late: bool = False  # Canvas marked the submission late
    sources: set = field(default_factory=set)  # the raw names this id was read from

    @property
    def name(self):
        return " ".join(filter(None, [self.first_name, self.last_name]))


def student_of(path, pattern=None):
    """The Student a submitted file belongs to, from its path inside the export."""
    parts = PurePosixPath(path).parts
    if pattern:
        match = re.search(pattern, path)
        if not match or "student" not in match.groupdict():
            raise CourseError(f"--pattern does not match {path!r} (it needs a (?P<student>...) group)")
        return _named(match.group("student"))
    if len(parts) > 1:
        moodle = _MOODLE.match(parts[0])
        if moodle:
            first, _, last = moodle.group("name").strip().rpartition(" ")
            return Student(f"moodle-{moodle.group('id')}", first, last, platform_id=moodle.group("id"))
        return _named(parts[0])
    canvas = _CANVAS.match(parts[0])
    if canvas:
        # Canvas writes the sortable name squashed ("smithjane"): a display name, nothing more.
        return Student(
            f"canvas-{canvas.group('id')}",
            last_name=canvas.group("name"),
            platform_id=canvas.group("id"),
            late=bool(canvas.group("late")),
        )
    stem = parts[0].split(".", 1)[0]
    return _named(stem.split("_", 1)[0] if "_" in stem else stem)


def _named(text):
    """A student known only by a name: the id is the name made safe for a folder, kept readable."""
    first, _, last = text.strip().rpartition(" ")
    return Student(safe_id(text), first, last, sources={text})


def safe_id(text):
    """Letters and digits of any script kept, lowercase; everything else becomes one '-'."""
    text = unicodedata.normalize("NFC", text).strip().lower()
    cleaned = "-".join(re.findall(r"[^\W_]+", text))
    if not cleaned:
        raise CourseError(f"cannot make a student id from {text!r}: it has no letters or digits")
    return cleaned


def read_export(source, zone=None):
    """Every file in a folder or a zip, as Entry objects (system and hidden files skipped).

    Symbolic links are never followed: one in a folder becomes an entry that
    cannot be read, so its student is told why.
    """
    source = Path(source)
    if source.is_dir():
        entries = _read_folder(source)
    elif zipfile.is_zipfile(source):
        entries = _read_zip(source, zone or _local_zone())
    elif source.is_file() and source.read_bytes()[:4] == b"PK\x03\x04":
        raise CourseError(f"{source} is a truncated zip file (its end is missing); download it again")
    else:
        raise CourseError(f"{source} is neither a folder nor a zip file")
    return _strip_enclosing_folder(entries)


def _read_folder(source):
    entries = []
    for folder, dirs, files in os.walk(source, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            relative = path.relative_to(source).as_posix()
            if _IGNORED.search(relative):
                continue
            if path.is_symlink():
                entries.append(Entry(relative, None, None, f"{name} is a symbolic link; it was not followed"))
            elif name in files:
                entries.append(_read_file(path, relative))
        dirs[:] = [d for d in dirs if not (Path(folder) / d).is_symlink()]
    return sorted(entries, key=lambda e: e.path)


def _read_file(path, relative):
    # O_NOFOLLOW: a file swapped for a link after the walk is still not followed.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as handle:
        stamp = datetime.fromtimestamp(os.fstat(handle.fileno()).st_mtime, tz=UTC)
        return _bounded_entry(relative, handle, stamp)


def _bounded_entry(path, handle, stamp):
    """The Entry of one file, unless it holds more than a notebook ever does (a zip entry may inflate to gigabytes)."""
    data = handle.read(SUBMITTED_FILE_BYTES + 1)
    if len(data) > SUBMITTED_FILE_BYTES:
        return Entry(
            path,
            None,
            stamp,
            f"{PurePosixPath(path).name} is larger than {SUBMITTED_FILE_BYTES // 2**20} MiB, "
            "far more than a notebook; it was not read",
        )
    return Entry(path, data, stamp)


def _read_zip(source, zone):
    entries = []
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            info.filename = _entry_name(info)
            if info.is_dir() or _IGNORED.search(info.filename):
                continue
            stamp = _zip_time(info, zone)
            if stat.S_ISLNK(info.external_attr >> 16):
                entries.append(
                    Entry(
                        info.filename,
                        None,
                        stamp,
                        f"{PurePosixPath(info.filename).name} is a symbolic link; it was not followed",
                    )
                )
                continue
            try:
                with archive.open(info) as handle:
                    entries.append(_bounded_entry(info.filename, handle, stamp))
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
                entries.append(
                    Entry(
                        info.filename,
                        None,
                        stamp,
                        f"{PurePosixPath(info.filename).name} is damaged in the zip ({error})",
                    )
                )
    return entries


def _entry_name(info):
    """The entry's name as its maker wrote it.

    A zip without the UTF-8 flag is read as cp437 by Python, but macOS's
    Archive Utility (re-zipping an unpacked export) writes UTF-8 without the
    flag: 张伟 would become mojibake. Names that are valid UTF-8 are UTF-8.
    """
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _zip_time(info, zone):
    """UTC time of a zip entry: the extended timestamp when present, else its local time read in ``zone``."""
    extra = info.extra
    while len(extra) >= 4:
        kind, size = struct.unpack("<HH", extra[:4])
        body = extra[4 : 4 + size]
        if kind == _EXTENDED_TIMESTAMP and size >= 5 and body[0] & 1:
            return datetime.fromtimestamp(struct.unpack("<I", body[1:5])[0], tz=UTC)
        extra = extra[4 + size :]
    return datetime(*info.date_time, tzinfo=zone).astimezone(UTC)


def _local_zone():
    return datetime.now().astimezone().tzinfo


def parse_zone(name):
    try:
        return ZoneInfo(name)
    except Exception:
        raise CourseError(f"unknown time zone {name!r}; use a name like Europe/Paris or UTC") from None


def _strip_enclosing_folder(entries):
    """Look through one folder that encloses everything, as re-zipping an unpacked export makes."""
    while entries:
        tops = {PurePosixPath(e.path).parts[0] for e in entries}
        if len(tops) != 1 or any(len(PurePosixPath(e.path).parts) < 2 for e in entries):
            return entries
        (top,) = tops
        inner = [PurePosixPath(e.path).relative_to(top).as_posix() for e in entries]
        # One student's own folder ("alice/nb.ipynb") is not an enclosing folder:
        # look through it only if what is inside is a platform's layout or more folders.
        platform = any(_CANVAS.match(p.split("/")[0]) or _MOODLE.match(p.split("/")[0]) for p in inner)
        if _MOODLE.match(top) or not (platform or all("/" in p for p in inner)):
            return entries
        entries = [Entry(p, e.data, e.modified, e.problem) for p, e in zip(inner, entries)]
    return entries


def read_csv(path, what):
    """The rows of a platform's CSV file as dicts (a byte-order mark, as Excel writes, is dropped)."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise CourseError(f"cannot read the {what} {path}: {error}") from None


def read_worksheet(path):
    """{participant id: (full name, email)} from Moodle's "Download grading worksheet" CSV."""
    rows = read_csv(path, "grading worksheet")
    found = {}
    for row in rows:
        match = re.fullmatch(r"\D*(\d+)", (row.get("Identifier") or "").strip())
        if match:
            found[match.group(1)] = ((row.get("Full name") or "").strip(), (row.get("Email address") or "").strip())
    if not found:
        raise CourseError(f"{path} has no 'Identifier' column of participants; is it Moodle's grading worksheet?")
    return found


def collect(course, chapter, source, pattern=None, zone=None, worksheet=None):
    """Import one chapter's submissions; return {student id: outcome}.

    An outcome is {"imported": bool, "problems": [...], "notes": [...], "name", "late"}.
    """
    (chapter,) = course.chapter_names([chapter])
    if not course.release_path(chapter).exists():
        raise CourseError(f"{chapter} has not been released in {course.root}; run `release {chapter}` first")
    release = nbformat.read(course.release_path(chapter), as_version=4)
    others = {
        name: grade_ids(nbformat.read(course.release_path(name), as_version=4))
        for name in course.chapters()
        if course.release_path(name).exists()
    }
    students, by_student = {}, {}
    for entry in read_export(source, zone):
        student = student_of(entry.path, pattern)
        known = students.setdefault(student.id, student)
        known.sources |= student.sources
        known.late |= student.late
        by_student.setdefault(student.id, []).append(entry)
    _refuse_merged_names(students)
    for participant, (_, email) in (read_worksheet(worksheet) if worksheet else {}).items():
        if f"moodle-{participant}" in students:
            students[f"moodle-{participant}"].email = email
    outcomes = {}
    for student_id, entries in sorted(by_student.items()):
        student = students[student_id]
        outcome = _import_one(course, chapter, student_id, entries, release, others)
        outcome.update(name=student.name, late=student.late)
        if student.late:
            outcome["notes"].append("Canvas marked this submission late")
        outcomes[student_id] = outcome
    remember_students(course, students.values())
    course.record_collected(chapter, outcomes)
    return outcomes


def _refuse_merged_names(students):
    clashes = [s for s in students.values() if len(s.sources) > 1]
    if clashes:
        said = "; ".join(" and ".join(repr(n) for n in sorted(s.sources)) + f" would both be {s.id!r}" for s in clashes)
        raise CourseError(f"two students would get the same id: {said}. Rename one folder, or use --pattern")


def _import_one(course, chapter, student, entries, release, others):
    outcome = {"imported": False, "problems": [], "notes": []}
    unreadable = [e for e in entries if e.data is None]
    readable = [e for e in entries if e.data is not None]
    notebooks = [e for e in readable if e.path.endswith(".ipynb")] or readable
    checks = [(e, check_submission(e.data, PurePosixPath(e.path).name, chapter, release, others)) for e in notebooks]
    gradable = [(e, c) for e, c in checks if c.gradable]
    if len(gradable) != 1:
        if len(gradable) > 1:
            files = ", ".join(e.path for e, _ in gradable)
            outcome["problems"] = [
                f"{len(gradable)} notebooks were submitted ({files}); which one to grade is "
                "for you to decide: keep one in the export and collect again"
            ]
        else:
            outcome["problems"] = [e.problem for e in unreadable] + [p for _, c in checks for p in c.problems] or [
                "no notebook in the submission"
            ]
        if course.submitted_path(
            student, chapter
        ).exists():  # an earlier, good import stays; say why this one did not replace it
            outcome["notes"].append("kept the notebook imported earlier")
        return outcome
    ((entry, checked),) = gradable
    outcome["notes"] += [e.problem for e in unreadable] + checked.notes
    course.store_submission(student, chapter, checked.notebook, entry.modified)
    outcome["imported"] = True
    return outcome


def remember_students(course, students):
    """The names and platform ids go to the gradebook, where nbgrader and `export` read them.

    Fields this export does not have (Moodle's download has no email) keep what an earlier one gave.
    """
    with course.gradebook() as gradebook:
        for s in students:
            known = {
                "first_name": s.first_name,
                "last_name": s.last_name,
                "email": s.email,
                "lms_user_id": s.platform_id,
            }
            gradebook.update_or_create_student(s.id, **{key: value for key, value in known.items() if value})
