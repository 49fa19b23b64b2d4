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
  user field "Email address". Participant ids are not user fields, and Moodle
  gives one person a new one in each assignment, so ids that share an email
  are one row (emails come from the grading worksheet, ``collect --worksheet``).
* ``csv``: every identity field nbgrader keeps, then the chapters.

Grades are never written inside the repository: it is public, they are not.
"""

import csv
from pathlib import Path

from chapterkit.sources import ROOT

from .course import CourseError
from .standing import GRADED, NOT_GRADABLE, standings

FORMATS = ("canvas", "moodle", "csv")


def export(course, chapters, to, out, assignment_ids=None):
    """Write the file; return (path, [what to tell the instructor about students left out or unmatched])."""
    chapters = course.chapter_names(chapters)
    out = Path(out).resolve()
    if out == ROOT or ROOT in out.parents:
        raise CourseError(f"{out} is inside the repository; grades go outside it (the repository is published)")
    if to not in FORMATS:
        raise CourseError(f"unknown format {to!r}; choose one of {', '.join(FORMATS)}")
    table = {}
    for s in standings(course, chapters):
        table.setdefault(_row_key(to, s), {}).setdefault(s.chapter, []).append(s)
    rows, told = [], []
    header, identity = _LAYOUTS[to](chapters, assignment_ids or {})
    for _key, by_chapter in sorted(table.items()):
        people = [s for found in by_chapter.values() for s in found]
        fields = identity(people)
        if fields is None:
            told.append(f"{people[0].student_id}: {_WHY_LEFT_OUT[to]}")
            continue
        if to == "moodle" and not people[0].email:
            told.append(
                f"{people[0].student_id}: written without an email address, so Moodle cannot match the row "
                "(give collect the assignment's grading worksheet with --worksheet)"
            )
        rows.append(fields + [_cell(by_chapter[c]) for c in chapters])
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return out, told


def _row_key(to, standing):
    # Moodle's participant ids are per assignment, so one person may have a
    # different id in each chapter: their Moodle row is their email, when known.
    if to == "moodle" and standing.email:
        return ("email", standing.email.lower())
    return ("id", standing.student_id)


def _cell(found):
    """One chapter's cell: the score of whichever of the row's ids handed it in."""
    scored = [s for s in found if s.status in (GRADED, NOT_GRADABLE)]
    if len(scored) > 1:
        raise CourseError(
            f"{' and '.join(s.student_id for s in scored)} share the email {scored[0].email} "
            f"and both handed in {scored[0].chapter}; which one counts is for you to decide"
        )
    return f"{scored[0].score:g}" if scored else ""  # not submitted, or not graded yet: no grade, not a 0


def _canvas(chapters, assignment_ids):
    header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    header += [f"{c} ({assignment_ids[c]})" if c in assignment_ids else c for c in chapters]

    def identity(people):
        s = people[0]  # one student id: the same identity in every chapter
        if not s.student_id.startswith("canvas-"):
            return None
        return [s.name, s.platform_id, "", "", ""]

    return header, identity


def _moodle(chapters, assignment_ids):
    def identity(people):
        if not all(s.student_id.startswith("moodle-") for s in people):
            return None
        ids = "; ".join(sorted({f"Participant {s.platform_id}" for s in people}))
        return [ids, people[0].name, people[0].email]

    return ["Participant", "Full name", "Email address", *chapters], identity


def _csv(chapters, assignment_ids):
    def identity(people):
        s = people[0]  # one student id: the same identity in every chapter
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
        (name,) = course.chapter_names([chapter])
        ids[name] = value.strip()
    return ids
