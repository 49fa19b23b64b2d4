"""Checking one submitted file before it reaches the grader.

Each problem is a plain sentence for the instructor's grade sheet. A file that
cannot be graded is kept out of ``submitted/``; one that can be graded despite
a problem (a renamed file, extra cells) goes in, with a note.
"""

import json
from dataclasses import dataclass, field

import nbformat

from chapterkit import cells as nbcells


@dataclass
class Checked:
    notebook: object = None  # the parsed notebook, or None when it cannot be graded
    problems: list = field(default_factory=list)  # reasons it cannot be graded
    notes: list = field(default_factory=list)  # graded, but worth telling

    @property
    def gradable(self):
        return self.notebook is not None and not self.problems


def grade_ids(nb):
    return {nbcells.grade_id(cell) for cell in nb.cells} - {None}


def check_submission(data, filename, chapter, release, other_chapters):
    """Check the bytes of one submitted file against the chapter it was submitted for.

    ``release``: the chapter's release notebook. A notebook names its chapter in
    its metadata; ``other_chapters`` ({chapter: grade ids} of the chapters
    released here) recognizes an older one that does not.
    """
    release_ids = grade_ids(release)
    checked = Checked()
    if not data.strip():
        checked.problems.append(f"{filename} is empty")
        return checked
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        checked.problems.append(f"{filename} is not a text file, so not a notebook (is it a PDF or a zip?)")
        return checked
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}"
        # A cut-off file fails at its very end, or inside a string that never closes.
        truncated = error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string")
        reason = "it ends early (truncated?)" if truncated else f"invalid JSON at {where}"
        checked.problems.append(f"{filename} is not a readable notebook: {reason}")
        return checked
    if not isinstance(raw, dict) or "cells" not in raw:
        checked.problems.append(f"{filename} is JSON but not a Jupyter notebook")
        return checked
    try:
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
    except Exception as error:  # nbformat raises several kinds for a damaged notebook
        checked.problems.append(f"{filename} is a damaged notebook: {str(error).splitlines()[0][:160]}")
        return checked
    if not filename.endswith(".ipynb"):
        checked.notes.append(f"the file was named {filename}, not .ipynb; it was graded as a notebook")
    named = nb.metadata.get("course", {}).get("chapter") if isinstance(nb.metadata.get("course"), dict) else None
    if named and named != chapter:  # written at release (chapterkit.sources), so known even if never released here
        checked.problems.append(f"this is the notebook of {named}, not of {chapter}")
        return checked
    found = grade_ids(nb)
    # Cells every chapter has (the testkit) say nothing about which chapter this is.
    shared = set().union(*(ids for name, ids in other_chapters.items() if name != chapter))
    if not found & (release_ids - shared):
        matches = [name for name, ids in other_chapters.items() if found & (ids - release_ids) and name != chapter]
        if matches:
            checked.problems.append(f"this is the notebook of {matches[0]}, not of {chapter}")
        else:
            checked.problems.append(
                f"{filename} has none of the chapter's exercise cells: it was not made from the released "
                "notebook, or its cell metadata was removed"
            )
        return checked
    missing = release_ids - found
    if missing:
        checked.notes.append(f"cells missing or renamed (graded as not done): {', '.join(sorted(missing))}")
    checked.notebook = nb
    if len(nb.cells) > len(release.cells):
        checked.notes.append("extra cells were added; they run with the notebook but earn nothing")
    return checked
