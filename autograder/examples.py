"""Example submissions, made from a chapter's release notebook.

``submission(chapter, replace={"propagate": code})`` fills every exercise cell
with the reference solution except the replaced ones: a submission that is
wrong (or differently right) in exactly one place. The corpus tests, the
benchmark and the README's walkthrough use it.

    python -m autograder.examples CHAPTER OUT_DIR [--students N] [--platform moodle|canvas]

writes N example submissions (right, blank, and one typical mistake) laid out
as the platform's "download all submissions" writes them: Moodle's folder per
participant, or Canvas's flat ``submissions.zip`` file names.
"""

import argparse
import copy
import sys
from pathlib import Path

import nbformat

from chapterkit import cells as nbcells
from chapterkit.sources import CHAPTERS, source_notebook
from chapterkit.student import student_notebook


def solution_cells(chapter):
    """{grade_id: source} of every solution cell, carried ones included, as the instructor wrote them."""
    return {
        nbcells.grade_id(cell): cell.source
        for cell in source_notebook(CHAPTERS / f"{chapter}.md").cells
        if nbcells.is_solution(cell)
    }


def release_notebook(chapter):
    return student_notebook(source_notebook(CHAPTERS / f"{chapter}.md"))


def submission(chapter, replace=None, blank=()):
    """The release notebook with solutions filled in; ``replace`` swaps in other code, ``blank`` leaves stubs."""
    replace = replace or {}
    reference = solution_cells(chapter)
    unknown = set(replace) - set(reference)
    if unknown:
        raise ValueError(f"{chapter} has no exercise {sorted(unknown)}; it has {sorted(reference)}")
    nb = copy.deepcopy(release_notebook(chapter))
    for cell in nb.cells:
        grade_id = nbcells.grade_id(cell)
        if grade_id in reference and grade_id not in blank:
            cell.source = replace.get(grade_id, reference[grade_id])
    return nb


def moodle_path(full_name, participant_id, filename):
    """Moodle's "Download all submissions": a folder per participant (ids are per assignment)."""
    return f"{full_name}_{participant_id}_assignsubmission_file_/{filename}"


def canvas_path(full_name, user_id, submission_id, filename, late=False):
    """Canvas's submissions.zip: the sortable name squashed ("Smith, Jane" -> "smithjane"), then the ids."""
    first, _, last = full_name.rpartition(" ")
    squashed = "".join(ch for ch in (last + first).lower() if ch.isalnum())
    return f"{squashed}{'_late' if late else ''}_{user_id}_{submission_id}_{filename}"


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m autograder.examples", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("chapter")
    parser.add_argument("out", type=Path)
    parser.add_argument("--students", type=int, default=6)
    parser.add_argument("--platform", choices=["moodle", "canvas"], default="moodle")
    args = parser.parse_args(argv)
    from .course import Course

    (chapter,) = Course().chapter_names([args.chapter])
    exercises = list(solution_cells(chapter))
    for i in range(args.students):
        kind = ("right", "blank", "one-wrong")[i % 3]
        if kind == "right":
            nb = submission(chapter)
        elif kind == "blank":
            nb = release_notebook(chapter)
        else:
            target = exercises[i % len(exercises)]
            nb = submission(chapter, replace={target: "raise ValueError('not finished')\n"})
        name = f"Student {i + 1:03d} {kind}"
        if args.platform == "moodle":
            path = args.out / moodle_path(name, 1001 + i, f"{chapter}.ipynb")
        else:
            path = args.out / canvas_path(name, 2001 + i, 9001 + i, f"{chapter}.ipynb")
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, path)
    print(f"wrote {args.students} example submissions of {chapter} to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
