"""collect: import submissions exported by a learning platform into ``submitted/``.

SOURCE is a folder or a zip. Each notebook's student is read from its path:

* a folder per student: ``<student>/<anything>.ipynb``, including Moodle's
  ``Jane Doe_123456_assignsubmission_file_/<file>`` (the student is ``jane-doe``);
* a flat file per student: Canvas's ``<login>[_late]_<id>_<id>_<file>`` or
  ``<student>.ipynb`` / ``<student>_<file>.ipynb``;
* or ``--pattern REGEX`` with a ``(?P<student>...)`` group, matched against the
  path inside SOURCE.

Every student gets one outcome: imported (with notes, perhaps) or a problem
that keeps the file out of grading and is reported on the grade sheet.
"""

import json
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

import nbformat

from .course import CourseError
from .submission import check_submission, grade_ids

_MOODLE = re.compile(r"^(?P<student>.+?)_\d+_assignsubmission_[a-z]+_?$")
_CANVAS = re.compile(r"^(?P<student>[A-Za-z0-9.-]+?)(?:_late)?_\d+_\d+_(?P<file>.+)$", re.IGNORECASE)
_IGNORED = re.compile(r"(^|/)(__MACOSX|\.ipynb_checkpoints)(/|$)|(^|/)\.[^/]*$")
PROBLEMS_FILE = "collect-problems.json"


@dataclass
class Entry:
    path: str  # inside SOURCE, with forward slashes
    data: bytes
    modified: datetime


def student_of(path, pattern=None):
    """The student id a submitted file belongs to, from its path inside the export."""
    parts = PurePosixPath(path).parts
    if pattern:
        match = re.search(pattern, path)
        if not match or "student" not in match.groupdict():
            raise CourseError(f"--pattern does not match {path!r} (it needs a (?P<student>...) group)")
        return slug(match.group("student"))
    if len(parts) > 1:
        folder = parts[0]
        moodle = _MOODLE.match(folder)
        return slug(moodle.group("student") if moodle else folder)
    name = parts[0]
    canvas = _CANVAS.match(name)
    if canvas:
        return slug(canvas.group("student"))
    stem = name.split(".", 1)[0]
    return slug(stem.split("_", 1)[0] if "_" in stem else stem)


def slug(text):
    cleaned = re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-")
    if not cleaned:
        raise CourseError(f"cannot make a student id from {text!r}")
    return cleaned


def read_export(source):
    """Every file in a folder or a zip, as Entry objects (system and hidden files skipped)."""
    source = Path(source)
    entries = []
    if source.is_dir():
        for path in sorted(source.rglob("*")):
            relative = path.relative_to(source).as_posix()
            if path.is_file() and not _IGNORED.search(relative):
                stamp = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
                entries.append(Entry(relative, path.read_bytes(), stamp))
    elif zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as archive:
            for info in archive.infolist():
                if not info.is_dir() and not _IGNORED.search(info.filename):
                    stamp = datetime(*info.date_time, tzinfo=timezone.utc)
                    entries.append(Entry(info.filename, archive.read(info), stamp))
    else:
        raise CourseError(f"{source} is neither a folder nor a zip file")
    return entries


def collect(course, chapter, source, pattern=None):
    """Import one chapter's submissions; return {student: {"imported": bool, "problems": [...], "notes": [...]}}."""
    (chapter,) = course.resolve([chapter])
    release_path = course.release(chapter)
    if not release_path.exists():
        raise CourseError(f"{chapter} has not been released in {course.root}; run `release {chapter}` first")
    release = nbformat.read(release_path, as_version=4)
    others = {
        name: grade_ids(nbformat.read(course.release(name), as_version=4))
        for name in course.chapters()
        if course.release(name).exists()
    }
    by_student = {}
    for entry in read_export(source):
        by_student.setdefault(student_of(entry.path, pattern), []).append(entry)
    outcomes = {}
    for student, entries in sorted(by_student.items()):
        outcomes[student] = _import_one(course, chapter, student, entries, release, others)
    _record(course, chapter, outcomes)
    return outcomes


def _import_one(course, chapter, student, entries, release, others):
    notebooks = [e for e in entries if e.path.endswith(".ipynb")] or entries
    checks = [(e, check_submission(e.data, PurePosixPath(e.path).name, chapter, release, others)) for e in notebooks]
    gradable = [(e, c) for e, c in checks if c.gradable]
    outcome = {"imported": False, "problems": [], "notes": []}
    target = course.submitted(student, chapter)
    if not gradable:
        outcome["problems"] = [p for _, c in checks for p in c.problems] or ["no notebook in the submission"]
        if target.exists():  # an earlier, good import stays; say why this one did not replace it
            outcome["notes"].append("kept the notebook imported earlier")
        return outcome
    entry, checked = max(gradable, key=lambda pair: pair[0].modified)
    if len(gradable) > 1:
        outcome["notes"].append(f"{len(gradable)} notebooks were submitted; graded the newest, {entry.path}")
    outcome["notes"] += checked.notes
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(checked.notebook, target)
    # nbgrader reads the submission time from timestamp.txt.
    (target.parent / "timestamp.txt").write_text(entry.modified.strftime("%Y-%m-%d %H:%M:%S.%f %Z"), encoding="utf-8")
    outcome["imported"] = True
    return outcome


def _record(course, chapter, outcomes):
    """Keep the problems and notes for `grade` to put on the grade sheet (merged with earlier imports)."""
    path = course.root / PROBLEMS_FILE
    recorded = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    recorded.setdefault(chapter, {}).update(outcomes)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(recorded, indent=1, sort_keys=True), encoding="utf-8")


def recorded_outcomes(course, chapter):
    path = course.root / PROBLEMS_FILE
    return json.loads(path.read_text(encoding="utf-8")).get(chapter, {}) if path.exists() else {}
