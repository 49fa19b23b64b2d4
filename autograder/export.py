"""export: the grades of some chapters as a file the learning platform imports.

One row per student, keyed by the platform's id; one column per chapter; an
empty cell for a chapter the student did not hand in (0 is a file that earned
nothing). Every format is CSV written by the csv module, UTF-8, so a name with a
comma or a quote stays one field.

* ``canvas``: Canvas's gradebook import layout, ``Student, ID, SIS User ID, SIS
  Login ID, Section`` then one ``<assignment> (<assignment id>)`` column per
  chapter; Canvas matches rows on ``ID``, the Canvas user id. Without
  ``--assignment-id CHAPTER=ID`` the column is named after the chapter alone,
  and Canvas offers to create a new assignment for it.
* ``moodle``: for Moodle's "Import grades from CSV": ``Participant, Full name,
  Email address`` then one column per chapter. Map ``Email address`` to the
  user field "Email address" (participant ids are per assignment, not user
  fields); emails come from the grading worksheet given to ``collect --worksheet``.
* ``csv``: every identity field nbgrader keeps, then the chapters.

Grades are never written inside the repository: it is public, they are not.
"""

import csv
from pathlib import Path

from bookbuild.sources import ROOT

from .course import CourseError
from .standing import GRADED, NOT_GRADABLE, standings

FORMATS = ("canvas", "moodle", "csv")


def export(course, chapters, to, out, assignment_ids=None):
    """Write the file; return (path, [what to tell the instructor about students left out or unmatched])."""
    chapters = course.resolve(chapters)
    out = Path(out).resolve()
    if out == ROOT or ROOT in out.parents:
        raise CourseError(f"{out} is inside the repository; grades go outside it (the repository is published)")
    if to not in FORMATS:
        raise CourseError(f"unknown format {to!r}; choose one of {', '.join(FORMATS)}")
    table = {}
    for s in standings(course, chapters):
        table.setdefault(s.student_id, {})[s.chapter] = s
    rows, left_out = [], []
    header, identity = _LAYOUTS[to](chapters, assignment_ids or {})
    for student_id, by_chapter in sorted(table.items()):
        first = next(iter(by_chapter.values()))
        fields = identity(first)
        if fields is None:
            left_out.append(f"{student_id}: {_WHY_LEFT_OUT[to]}")
            continue
        if to == "moodle" and not first.email:
            left_out.append(f"{student_id}: written without an email address, so Moodle cannot match the row "
                            "(give collect the assignment's grading worksheet with --worksheet)")
        rows.append(fields + [_cell(by_chapter[c]) for c in chapters])
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return out, left_out


def _cell(standing):
    if standing.status in (GRADED, NOT_GRADABLE):
        return f"{standing.score:g}"
    return ""  # not submitted, or not graded yet: no grade, which is not a 0


def _canvas(chapters, assignment_ids):
    header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    header += [f"{c} ({assignment_ids[c]})" if c in assignment_ids else c for c in chapters]

    def identity(s):
        if not s.student_id.startswith("canvas-"):
            return None
        return [s.name, s.platform_id, "", "", ""]

    return header, identity


def _moodle(chapters, assignment_ids):
    def identity(s):
        if not s.student_id.startswith("moodle-"):
            return None
        return [f"Participant {s.platform_id}", s.name, s.email]

    return ["Participant", "Full name", "Email address", *chapters], identity


def _csv(chapters, assignment_ids):
    def identity(s):
        return [s.student_id, s.platform_id, s.first_name, s.last_name, s.email]

    return ["student_id", "platform_id", "first_name", "last_name", "email", *chapters], identity


_LAYOUTS = {"canvas": _canvas, "moodle": _moodle, "csv": _csv}
_WHY_LEFT_OUT = {
    "canvas": "not collected from a Canvas export, so it has no Canvas user id",
    "moodle": "not collected from a Moodle export",
}


def parse_assignment_ids(pairs, course):
    """``["3=4821"]`` → {"03_cross_entropy": "4821"}."""
    ids = {}
    for pair in pairs or []:
        chapter, sep, value = pair.partition("=")
        if not sep or not value.strip():
            raise CourseError(f"--assignment-id takes CHAPTER=ID, got {pair!r}")
        (name,) = course.resolve([chapter])
        ids[name] = value.strip()
    return ids
