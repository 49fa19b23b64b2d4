"""feedback: per-student HTML with the diagnostics, never the hidden tests' source.

Stock nbgrader shows the autograded notebook, hidden tests included
(nbgrader #917), and a traceback shows the hidden line that failed. The
``HideHiddenTests`` preprocessor, which nbgrader_config.py adds to nbgrader's
GenerateFeedback so that stock ``nbgrader generate_feedback`` is safe too,
removes the hidden regions, reduces errors in test cells to their one-line
message, and puts a summary of every test at the top.
"""

import html
import re

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor
from nbgrader.utils import is_grade

from bookbuild.leaks import HIDDEN_TESTS, secret_lines
from bookbuild.sources import CHAPTERS, source_notebook

from .course import CourseError, quiet_nbgrader

HIDDEN = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS.*?^[ \t]*### END HIDDEN TESTS[^\n]*\n?", re.MULTILINE | re.DOTALL)
HIDDEN_NOTE = "# (hidden tests ran here; their code is not shown)\n"


class HideHiddenTests(NbGraderPreprocessor):
    """Strip hidden tests and tracebacks from test cells; add a summary cell."""

    def preprocess(self, nb, resources):
        rows = []
        for cell in nb.cells:
            if cell.cell_type != "code" or not is_grade(cell):
                continue
            cell.source = HIDDEN.sub(HIDDEN_NOTE, cell.source)
            message = None
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    message = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}".strip()
                    output["traceback"] = [message]
            meta = cell.metadata["nbgrader"]
            rows.append((meta["grade_id"], meta.get("points", 0), message))
        nb.cells.insert(0, nbformat.v4.new_markdown_cell(summary_markdown(rows)))
        return nb, resources


def summary_markdown(rows):
    lines = ["## Your tests at a glance", "", "| test | points | result |", "| --- | --- | --- |"]
    for grade_id, points, message in rows:
        result = "passed" if message is None else html.escape(message).replace("|", "\\|").replace("\n", " ")
        lines.append(f"| `{grade_id}` | {points:g} | {result} |")
    lines += ["", "A failed test names the likely mistake when it recognizes one. Hidden tests use fresh random inputs."]
    return "\n".join(lines)


def feedback(course, chapter):
    """Write every student's feedback page for a chapter; return their paths."""
    (chapter,) = course.resolve([chapter])
    students = [s for s in course.students(chapter) if course.autograded(s, chapter).exists()]
    if not students:
        raise CourseError(f"no autograded submissions of {chapter}; run `grade {chapter}` first")
    with quiet_nbgrader():
        result = course.api().generate_feedback(chapter, force=True)
    if not result["success"]:
        raise CourseError(f"nbgrader could not write feedback for {chapter}:\n{result.get('error')}")
    pages = [course.feedback(s, chapter) for s in students]
    # Solution lines may appear: a student can write the same code. Hidden tests may not.
    hidden = secret_lines(source_notebook(CHAPTERS / f"{chapter}.md"), regions=[HIDDEN_TESTS])
    for page in pages:
        text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
        shown = {" ".join(line.split()) for line in text.splitlines()}
        leaked = sorted(hidden & shown)
        if leaked:
            page.unlink()
            raise CourseError(f"{page} would show hidden test lines, so it was removed: {leaked[:3]}")
    return pages
