"""Stage and build the two editions of the book from the same sources.

* **student** (the published book): exercise cells show the code stub, hidden
  tests are gone, and the download button gives the student notebook exactly as
  nbgrader releases it. Exercise and test cells are not run; the cells after
  them run against the reference package, preloaded into the build's kernel
  (never into the page), so figures still show a finished model.
* **instructor**: the same pages with the solutions in toggles, and every
  exercise and test cell run, hidden tests included.

Each edition is staged under ``_build/<edition>/source`` (files are rewritten
only when their content changes, so rebuilds stay incremental) and built with
``bookbuild.strict``.
"""

import copy
import shutil
from pathlib import Path

import yaml

from chapterkit import cells as nbcells
from chapterkit.leaks import find_leaks
from chapterkit.sources import ROOT, chapter_paths, dumps, source_notebook, write_if_changed
from chapterkit.student import student_notebook

from . import figures, strict

EDITIONS = ("student", "instructor")
PAGES = ["intro.md", "appendix_notation.md", "appendix_references.md"]  # pages other than chapters, copied as they are

_PRELOAD = """\
# Book build only (student edition): exercise cells are shown as stubs and not
# run, so the cells after them use the reference solutions imported here.
from solutions import *  # noqa: F401,F403
"""


def output_dir(edition, build_root=ROOT / "_build"):
    return Path(build_root) / edition


def stage(edition, build_root=ROOT / "_build", only=None):
    """Write the edition's book source; return its folder.

    ``only``: chapter files to include (all by default), for checking a chapter alone.
    """
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {EDITIONS}, got {edition!r}")
    source = output_dir(edition, build_root) / "source"
    write_if_changed(source / "_config.yml", yaml.safe_dump(_config(edition), sort_keys=False))
    chapters = chapter_paths() if only is None else [Path(p).resolve() for p in only]
    write_if_changed(source / "_toc.yml", _toc(only and chapters))
    for page in PAGES:
        write_if_changed(source / page, (ROOT / page).read_text(encoding="utf-8"))
    expected = set()
    for path in chapters:
        nb = source_notebook(path, myst=True)  # the book renders MyST itself
        page = student_page(nb) if edition == "student" else instructor_page(nb)
        target = source / "chapters" / f"{path.stem}.ipynb"
        write_if_changed(target, dumps(page))
        expected.add(target.name)
    for stale in (source / "chapters").glob("*.ipynb"):
        if stale.name not in expected:
            stale.unlink()
    _copy_mathjax(source / "_vendor" / "mathjax")
    write_if_changed(
        source / "_vendor" / "favicon.svg", (Path(__file__).parent / "favicon.svg").read_text(encoding="utf-8")
    )
    return source


def build(edition, build_root=ROOT / "_build", only=None):
    """Stage and strictly build one edition; return the HTML folder."""
    source = stage(edition, build_root, only)
    out = output_dir(edition, build_root)
    # The kernels' profile: figures record their text size; the student edition preloads the solutions.
    env = {"IPYTHONDIR": str(write_kernel_profile(out / "ipython", preload=edition == "student"))}
    html = strict.build(source, out, env=env)
    if edition == "student":
        _publish_student_notebooks(html, only)
        leaked = find_leaks(html)
        if leaked:
            raise strict.BuildFailed(
                "solution or hidden-test lines are published in the student edition:\n  "
                + "\n  ".join(f"{file}: {line!r} (from {chapter})" for line, chapter, file in leaked[:20])
            )
    return html


def student_page(source_nb):
    nb = _without_self_check(student_notebook(source_nb))
    for cell in nb.cells:
        if nbcells.is_solution(cell) or nbcells.is_test(cell):
            _add_tags(cell, "skip-execution")
    return _fold_tests(nb)


def instructor_page(source_nb):
    nb = _without_self_check(copy.deepcopy(source_nb))
    for cell in nb.cells:
        if nbcells.is_solution(cell):
            _add_tags(cell, "hide-input")
    return _fold_tests(nb)


TEST_TAG = "visible-test"  # a CSS class on the page, tag_visible-test, for the theme and the tests


def _fold_tests(nb):
    """Fold each test cell's code behind a toggle that says what it checks and what it is worth.

    A reader comes for the exercise; tens of lines of assertions per test bury it. The
    downloaded notebook keeps them open: there the student runs them.
    """
    for cell in nb.cells:
        if cell.cell_type == "code" and nbcells.is_test(cell) and not nbcells.is_solution(cell):
            _add_tags(cell, "hide-input")
            _add_tags(cell, TEST_TAG)
            headline, points = test_headline(cell.source), _points(nbcells.points(cell))
            prompt = f"Test: {headline}" + ("" if "0 points" in headline else f" ({points})")
            cell.metadata["mystnb"] = {"code_prompt_show": prompt, "code_prompt_hide": "Hide the test's code"}
    return nb


def test_headline(source):
    """The first sentence of a test cell's leading comment: what the test checks."""
    comment = []
    for line in source.splitlines():
        if not line.startswith("#"):
            break
        comment.append(line.lstrip("#").strip())
    text = " ".join(comment)
    end = text.find(". ")
    return (text if end < 0 else text[: end + 1]).rstrip() or "a check of your function"


def _points(points):
    points = int(points) if float(points).is_integer() else points
    return f"{points} point" + ("" if points == 1 else "s")


def _without_self_check(nb):
    # The last cell re-runs the tests for a student's own kernel; the page shows each test where it is.
    nb.cells = [cell for cell in nb.cells if not nbcells.is_self_check(cell)]
    return nb


def _publish_student_notebooks(html, only=None):
    # The staged page carries build-only tags; the download is the notebook nbgrader releases.
    for path in chapter_paths() if only is None else [Path(p) for p in only]:
        target = html / "_sources" / "chapters" / f"{path.stem}.ipynb"
        target.write_text(dumps(student_notebook(source_notebook(path))), encoding="utf-8")


def _toc(chapters=None):
    """The table of contents: the repository's, or one listing only ``chapters``."""
    if not chapters:
        return (ROOT / "_toc.yml").read_text(encoding="utf-8")
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    selected = [{"file": f"chapters/{path.stem}"} for path in chapters]
    for part in toc_parts(toc):  # the pages other than chapters (the appendices) stay
        if any(entry["file"].startswith("chapters/") for entry in part.get("chapters", [])):
            part["chapters"] = selected
    return yaml.safe_dump(toc, sort_keys=False)


def toc_parts(toc):
    """The parts of a table of contents, or the whole as one part if it has none."""
    return toc["parts"] if "parts" in toc else [toc]


def toc_files(toc):
    """Every file the table of contents lists, in order, after the root."""
    return [entry["file"] for part in toc_parts(toc) for entry in part.get("chapters", [])]


def _config(edition):
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    if edition == "instructor":
        config["title"] += " (instructor edition)"
        config.setdefault("html", {})["announcement"] = (
            "Instructor edition: solutions and hidden tests are shown. Do not publish it to students."
        )
    return config


def write_preload_profile(folder):
    """An IPython profile folder whose startup file preloads the reference solutions; use as IPYTHONDIR."""
    return write_kernel_profile(folder, preload=True)


def write_kernel_profile(folder, preload):
    """The build's IPython profile folder (use as IPYTHONDIR): its kernels tag each figure's PNG with
    the size of its smallest text (bookbuild.figures); with ``preload``, a startup file imports the
    reference solutions."""
    profile = Path(folder) / "profile_default"
    write_if_changed(profile / "ipython_kernel_config.py", figures.kernel_config())
    startup = profile / "startup" / "00-reference-solutions.py"
    if preload:
        write_if_changed(startup, _PRELOAD)
    elif startup.exists():
        startup.unlink()
    return Path(folder)


def _copy_mathjax(target):
    import mathjax  # django-static-mathjax: MathJax 3 from PyPI, served by the site itself

    bundle = Path(next(iter(mathjax.__path__))) / "static" / "mathjax" / "es5"
    if not (target / "tex-chtml.js").exists():
        shutil.copytree(bundle, target, dirs_exist_ok=True)


def _add_tags(cell, tag):
    tags = cell.metadata.setdefault("tags", [])
    if tag not in tags:
        tags.append(tag)
