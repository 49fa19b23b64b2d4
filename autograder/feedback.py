"""feedback: per-student HTML with the diagnostics, never the hidden tests' source.

Stock nbgrader shows the autograded notebook, hidden tests included
(nbgrader #917), and a traceback shows the hidden line that failed. The
``HideHiddenTests`` preprocessor, which nbgrader_config.py adds to nbgrader's
GenerateFeedback so that stock ``nbgrader generate_feedback`` is safe too,
removes the hidden regions and the test kit's source, reduces errors in test
cells to their one-line message, escapes the raw HTML of every markdown cell
(the student may have written it), and puts a summary of every test at the top.

``feedback`` then makes each page work offline (MathJax from the PyPI package,
inlined, instead of nbgrader's CDN link), names the tests in nbgrader's table of
contents, blocks links that would run script, and writes a page for every student whose file could not be graded,
saying why.
"""

import base64
import html
import re
from pathlib import Path

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor

from chapterkit import cells as nbcells
from chapterkit import i18n
from chapterkit.leaks import HIDDEN_TESTS, html_text, secret_lines, shown
from chapterkit.sources import CHAPTERS, source_notebook

from .course import CourseError, quiet_nbgrader
from .needless import NOT_RUN
from .standing import GRADED, NOT_GRADABLE, standings

HIDDEN = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS.*?^[ \t]*### END HIDDEN TESTS[^\n]*\n?", re.MULTILINE | re.DOTALL)
HIDDEN_NOTE = "# (hidden tests ran here; their code is not shown)\n"
TESTKIT_NOTE = "# (the checks the tests use are defined here; their code is not shown)\n"
_TEST_LINK = re.compile(r'<a href="#(?P<id>[^"]+)">Test cell</a>')
_SCRIPT_URL = re.compile(
    r"""(?P<attr>href|src|action|formaction)\s*=\s*["']?\s*(?:javascript|vbscript|data(?!:image/(?:png|jpeg|gif);)):""",
    re.IGNORECASE,
)
_NBGRADER_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.DOTALL)


def escape_markdown(text):
    """Markdown and math still render; raw HTML tags show as text.

    Only a ``<`` that opens a tag is escaped: ``$z < 0$`` stays math (nbconvert
    escapes what is inside math itself).
    """
    return re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)


def neutralize_links(page):
    """No link or source in the rendered page may run script (a markdown link to ``javascript:``, say)."""
    return _SCRIPT_URL.sub(lambda m: f'{m["attr"]}="#blocked:', page)


class HideHiddenTests(NbGraderPreprocessor):
    """Strip hidden tests and tracebacks from test cells; add a summary cell."""

    def preprocess(self, nb, resources):
        rows = []
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = escape_markdown(cell.source)
                continue
            if nbcells.is_testkit(cell):
                cell.source = TESTKIT_NOTE
                continue
            if cell.cell_type != "code" or not nbcells.is_test(cell):
                continue
            cell.source = HIDDEN.sub(HIDDEN_NOTE, cell.source)
            message = nbcells.failure(cell)
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [message]
            rows.append((nbcells.grade_id(cell), nbcells.points(cell), message))
        language = nb.metadata.get("course", {}).get("language", "en")
        nb.cells.insert(0, nbformat.v4.new_markdown_cell(summary_markdown(rows, language)))
        return nb, resources


def _(text, language):
    """The page's own words in the notebook's language (``locale/<language>/LC_MESSAGES/feedback.po``)."""
    if language not in i18n.LANGUAGES:
        return text
    return i18n.translations(language, i18n.FEEDBACK_DOMAIN).get(("", text), text)


def _template_words(language):
    """nbgrader's feedback template's own labels, as (English in the page, the same in ``language``)."""
    return [
        ("(Score: ", "(" + _("Score", language) + ": "),
        ("Score: ", _("Score", language) + ": "),
        (">Student's answer<", ">" + _("Student's answer", language) + "<"),
        (">Student's task<", ">" + _("Student's task", language) + "<"),
        (">Grade cell: <", ">" + _("Grade cell", language) + ": <"),
        (">Coding free-response<", ">" + _("Coding free-response", language) + "<"),
        (">Written response<", ">" + _("Written response", language) + "<"),
        ("<b>Comments:</b>", "<b>" + _("Comments", language) + ":</b>"),
        (">Late submission penalty ", ">" + _("Late submission penalty", language) + " "),
        (">(Top)<", ">(" + _("Top", language) + ")<"),
        # The engine's note in the place of an example cell it left out (needless.NOT_RUN, word for word).
        (
            html.escape(NOT_RUN.strip()),
            html.escape(
                _(
                    "Not run while grading: no graded code reads what this example cell defines, "
                    "so it cannot change your grade. Run it in your own notebook to see its output.",
                    language,
                )
            ),
        ),
    ]


def translate_page(text, language):
    """The page in the submission's language: nbgrader writes its template's labels in English."""
    if language not in i18n.LANGUAGES:
        return text
    for english, translated in _template_words(language):
        text = text.replace(english, translated)
    return text.replace("<html>", f'<html lang="{language.replace("_", "-")}">', 1)


def _language(course, student, chapter):
    try:
        submitted = nbformat.read(course.submitted_path(student, chapter), as_version=4)
    except Exception:  # an unreadable file has a page of its own, in English
        return "en"
    return submitted.metadata.get("course", {}).get("language", "en")


def summary_markdown(rows, language="en"):
    lines = [
        "## " + _("Your tests at a glance", language),
        "",
        "| " + _("test", language) + " | " + _("points", language) + " | " + _("result", language) + " |",
        "| --- | --- | --- |",
    ]
    for grade_id, points, message in rows:
        # Inside <code>: MathJax leaves it alone, so a message full of $ is shown, not typeset.
        result = (
            _("passed", language)
            if message is None
            else "<code>" + html.escape(message).replace("|", "&#124;").replace("\n", " ") + "</code>"
        )
        lines.append(f"| `{grade_id}` | {points:g} | {result} |")
    lines += [
        "",
        _(
            "A failed test names the likely mistake when it recognizes one. Hidden tests use fresh random inputs.",
            language,
        ),
    ]
    return "\n".join(lines)


def feedback(course, chapter):
    """Write every submitted student's feedback page for a chapter; return their paths."""
    (chapter,) = course.chapter_names([chapter])
    standings_ = [s for s in standings(course, [chapter]) if s.status in (GRADED, NOT_GRADABLE)]
    graded = [s.student_id for s in standings_ if s.status == GRADED]
    if not standings_:
        raise CourseError(f"no submissions of {chapter}; run `collect` and `grade {chapter}` first")
    if graded:
        with quiet_nbgrader():
            result = course.api().generate_feedback(chapter, force=True)
        if not result["success"]:
            raise CourseError(f"nbgrader could not write feedback for {chapter}:\n{result.get('error')}")
    pages = [course.feedback_path(s, chapter) for s in graded]
    # Solution lines may appear: a student can write the same code. Hidden tests may not.
    hidden = secret_lines(source_notebook(CHAPTERS / f"{chapter}.md"), regions=[HIDDEN_TESTS])
    script = _mathjax_script()
    for student, page in zip(graded, pages):
        text = page.read_text(encoding="utf-8")
        leaked = shown(hidden, html_text(text))
        if leaked:
            page.unlink()
            raise CourseError(f"{page} would show hidden test lines, so it was removed: {leaked[:3]}")
        text = neutralize_links(_TEST_LINK.sub(lambda m: f'<a href="#{m["id"]}">{m["id"]}</a>', text))
        text = translate_page(text, _language(course, student, chapter))
        page.write_text(_NBGRADER_MATHJAX.sub(lambda _: script, text, count=1), encoding="utf-8")
    recorded = course.collected(chapter)
    problems = course.problems(chapter)
    for s in standings_:
        if s.status == NOT_GRADABLE:
            outcome = recorded.get(s.student_id, {})
            why = outcome.get("problems") or [problems.get(s.student_id) or "the file could not be graded"]
            pages.append(_write_ungradable_page(course, chapter, s, why))
    return pages


def _write_ungradable_page(course, chapter, standing, reasons):
    page = course.feedback_path(standing.student_id, chapter)
    page.parent.mkdir(parents=True, exist_ok=True)
    items = "".join(f"<li>{html.escape(reason)}</li>" for reason in reasons)
    page.write_text(
        f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(chapter)}: not graded</title></head>
<body style="font-family:sans-serif;max-width:50rem;margin:2rem auto">
<h1>{html.escape(chapter)} (Score: 0 / {standing.max_score:g})</h1>
<p>Your submission could not be graded, so it earns 0 for now:</p><ul>{items}</ul>
<p>Download the chapter's notebook again, complete it, and hand in the <code>.ipynb</code> file itself.</p>
</body></html>
""",
        encoding="utf-8",
    )
    # nbgrader release_feedback reads these two files next to every page.
    course.copy_submission_files(standing.student_id, chapter, page.parent, fill_missing=True)
    return page


def _mathjax_script():
    """MathJax 3 from the PyPI package, inlined: the page works offline and on its own once released."""
    import mathjax  # django-static-mathjax, as the book uses

    bundle = Path(next(iter(mathjax.__path__))) / "static" / "mathjax" / "es5" / "tex-svg-full.js"
    encoded = base64.b64encode(bundle.read_bytes()).decode()
    config = "window.MathJax={tex:{inlineMath:[['$','$'],['\\\\(','\\\\)']],processEscapes:true,tags:'ams'}};"
    return f'<script>{config}</script>\n<script src="data:text/javascript;base64,{encoded}"></script>'
