"""Stage and build the two editions of the book from the same sources.

* **student** (the published book): exercise cells show the code stub, hidden
  tests are gone, and the download button gives the student notebook exactly as
  nbgrader releases it. Exercise and test cells are not run; the cells after
  them run against the reference package, preloaded into the build's kernel
  (never into the page), so figures still show a finished model.
* **instructor**: the same pages with the solutions in toggles, and every
  exercise and test cell run, hidden tests included.
* **zh**: the student edition in Simplified Chinese, built from chapters
  generated from the English ones and the catalogs in ``locale/zh_CN/``
  (``chapterkit.i18n``): the same code cells, so the same notebooks to grade.
  It lists only the pages that have a catalog, and is published under
  ``zh/`` beside the student edition (``site``), each page linking to the
  same page in the other language.

Each edition is staged under ``_build/<edition>/source`` (files are rewritten
only when their content changes, so rebuilds stay incremental) and built with
``bookbuild.strict``.
"""

import copy
import hashlib
import shutil
from pathlib import Path

import yaml

from chapterkit import cells as nbcells
from chapterkit import i18n
from chapterkit.cells import test_headline
from chapterkit.leaks import find_leaks
from chapterkit.sources import ROOT, chapter_paths, dumps, source_notebook, write_if_changed
from chapterkit.student import student_notebook

from . import figures, strict, translated_figures

EDITIONS = ("student", "instructor", "zh")
PAGES = ["intro.md", "appendix_notation.md", "appendix_references.md"]  # pages other than chapters, copied as they are
LANGUAGES = {"zh": "zh_CN"}  # the translated editions: each is a student edition in its language
SITE_FOLDER = {"zh": "zh"}  # where a translated edition goes in the published site
SWITCH_LABEL = {"student": "English", "zh": "中文"}

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
    top, pages = ROOT, PAGES
    chapters = edition_chapters(edition, build_root, only)
    toc_chapters = only and chapters
    if edition in LANGUAGES:
        top = _generated(edition, build_root)
        listed = i18n.translated_pages(LANGUAGES[edition])
        pages = [page for page in PAGES if Path(page).stem in listed or page == "intro.md"]
        toc_chapters = chapters
        write_if_changed(source / "_jieba_dict.txt", i18n.jieba_dictionary(LANGUAGES[edition]))
    write_if_changed(source / "_config.yml", yaml.safe_dump(_config(edition, source), sort_keys=False))
    write_if_changed(source / "_toc.yml", _toc(toc_chapters, pages, LANGUAGES.get(edition)))
    for page in pages:
        write_if_changed(source / page, (top / page).read_text(encoding="utf-8"))
    expected = set()
    for path in chapters:
        nb = source_notebook(path, myst=True)  # the book renders MyST itself
        page = instructor_page(nb) if edition == "instructor" else student_page(nb)
        if edition in LANGUAGES:
            # The figures' texts are translated in the kernel, not in the notebook: their translations
            # are named here too, so that a change to them makes Sphinx run the chapter again.
            figure_texts = i18n.figure_catalog(LANGUAGES[edition])
            digest = hashlib.sha1(repr(sorted(figure_texts.items())).encode()).hexdigest()[:12]
            page.metadata["course"]["figure_texts"] = digest
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
    # The kernels' profile: figures record their text size; the student editions preload the solutions,
    # and a translated one draws its figures' texts in its language.
    profile = write_kernel_profile(out / "ipython", preload=edition != "instructor", language=LANGUAGES.get(edition))
    env = {"IPYTHONDIR": str(profile)}
    html = strict.build(source, out, env=env)
    if edition != "instructor":
        _publish_student_notebooks(html, edition_chapters(edition, build_root, only))
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
    language = nb.metadata.get("course", {}).get("language")  # a translated chapter's (chapterkit.i18n)
    words = i18n.translations(language, i18n.BOOK_DOMAIN) if language else {}
    headlines = i18n.translations(language, nb.metadata["course"]["chapter"]) if language else {}

    def _(text):  # the book's own words, in the chapter's language
        return words.get(("", text), text)

    for cell in nb.cells:
        if cell.cell_type == "code" and nbcells.is_test(cell) and not nbcells.is_solution(cell):
            _add_tags(cell, "hide-input")
            _add_tags(cell, TEST_TAG)
            english = test_headline(cell.source)
            headline = headlines.get(("headline", english), english)
            points = nbcells.points(cell)
            points = int(points) if float(points).is_integer() else points
            worth = (_("{points} point") if points == 1 else _("{points} points")).format(points=points)
            prompt = _("Test: {headline}").format(headline=headline)
            prompt += "" if "0 points" in english else _(" ({worth})").format(worth=worth)
            cell.metadata["mystnb"] = {"code_prompt_show": prompt, "code_prompt_hide": _("Hide the test's code")}
    return nb


def _without_self_check(nb):
    # The last cell re-runs the tests for a student's own kernel; the page shows each test where it is.
    nb.cells = [cell for cell in nb.cells if not nbcells.is_self_check(cell)]
    return nb


def _publish_student_notebooks(html, only=None):
    # The staged page carries build-only tags; the download is the notebook nbgrader releases.
    for path in chapter_paths() if only is None else [Path(p) for p in only]:
        target = html / "_sources" / "chapters" / f"{path.stem}.ipynb"
        target.write_text(dumps(student_notebook(source_notebook(path))), encoding="utf-8")


def edition_chapters(edition, build_root=ROOT / "_build", only=None):
    """The chapter files an edition is built from: a translated one's are generated, and only those with a catalog."""
    chapters = chapter_paths() if only is None else [Path(p).resolve() for p in only]
    if edition not in LANGUAGES:
        return chapters
    listed = i18n.translated_pages(LANGUAGES[edition])
    folder = output_dir(edition, build_root) / "generated" / "chapters"
    return [folder / path.name for path in chapters if path.stem in listed]


def _generated(edition, build_root):
    """The translated edition's pages and chapters, generated from the English and the catalogs."""
    folder = output_dir(edition, build_root) / "generated"
    i18n.generate(LANGUAGES[edition], folder)
    return folder


def _toc(chapters=None, pages=PAGES, language=None):
    """The table of contents: the repository's, or one listing only ``chapters`` and ``pages``."""
    if not chapters and list(pages) == PAGES and not language:
        return (ROOT / "_toc.yml").read_text(encoding="utf-8")
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    kept = {Path(page).with_suffix("").as_posix() for page in pages}
    for part in toc_parts(toc):  # the pages other than chapters (the appendices) stay if they are there
        if any(entry["file"].startswith("chapters/") for entry in part.get("chapters", [])):
            part["chapters"] = [{"file": f"chapters/{path.stem}"} for path in chapters]
        else:
            part["chapters"] = [entry for entry in part.get("chapters", []) if entry["file"] in kept]
    if "parts" in toc:
        toc["parts"] = [part for part in toc["parts"] if part["chapters"]]
    if language:
        captions = i18n.translations(language, i18n.TOC_DOMAIN)
        for part in toc_parts(toc):
            if "caption" in part:
                part["caption"] = captions.get(("", part["caption"]), part["caption"])
    return yaml.safe_dump(toc, sort_keys=False, allow_unicode=True)


def toc_parts(toc):
    """The parts of a table of contents, or the whole as one part if it has none."""
    return toc["parts"] if "parts" in toc else [toc]


def toc_files(toc):
    """Every file the table of contents lists, in order, after the root."""
    return [entry["file"] for part in toc_parts(toc) for entry in part.get("chapters", [])]


def _config(edition, source=None):
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    if edition in LANGUAGES:  # a translated edition: _config.<edition>.yml over the English settings
        _merge(config, yaml.safe_load((ROOT / f"_config.{edition}.yml").read_text(encoding="utf-8")))
        if source is not None:  # jieba's user dictionary, from the glossary: search finds its terms whole
            config["sphinx"]["config"].setdefault("html_search_options", {})["dict"] = str(source / "_jieba_dict.txt")
    if edition != "instructor":
        config["sphinx"]["config"].setdefault("html_context", {})["course_language_switch"] = language_switch(edition)
    if edition == "instructor":
        config["title"] += " (instructor edition)"
        config.setdefault("html", {})["announcement"] = (
            "Instructor edition: solutions and hidden tests are shown. Do not publish it to students."
        )
    return config


def _merge(base, overlay):
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value


def language_switch(edition):
    """What each page's link to the other language needs: where that edition is, and which pages it has."""
    if edition in LANGUAGES:
        other, prefix = "student", "../"
        pages = [f"chapters/{path.stem}" for path in chapter_paths()] + [Path(p).stem for p in PAGES]
    else:
        other = next(iter(LANGUAGES))
        prefix = SITE_FOLDER[other] + "/"
        listed = i18n.translated_pages(LANGUAGES[other])
        pages = [f"chapters/{stem}" if (ROOT / "chapters" / f"{stem}.md").exists() else stem for stem in listed]
    language = LANGUAGES.get(other, "en").replace("_", "-")
    return {"prefix": prefix, "pages": sorted(pages), "label": SWITCH_LABEL[other], "lang": language}


def site(folder=ROOT / "_build" / "site", student=None, translated=None):
    """The published site in ``folder``: the student edition, each translated one in its folder under it.

    ``student`` and ``translated`` ({edition: html folder}) default to the editions built in ``_build/``.
    """
    folder = Path(folder)
    student = student or strict.html_dir(output_dir("student"))
    if translated is None:
        translated = {edition: strict.html_dir(output_dir(edition)) for edition in SITE_FOLDER}
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(student, folder)
    for edition, html in translated.items():
        if Path(html).exists():
            shutil.copytree(html, folder / SITE_FOLDER[edition])
    return folder


def write_preload_profile(folder):
    """An IPython profile folder whose startup file preloads the reference solutions; use as IPYTHONDIR."""
    return write_kernel_profile(folder, preload=True)


def write_kernel_profile(folder, preload, language=None):
    """The build's IPython profile folder (use as IPYTHONDIR): its kernels tag each figure's PNG with
    the size of its smallest text (bookbuild.figures); with ``preload``, a startup file imports the
    reference solutions; with ``language``, another translates the figures' texts and draws them in a
    CJK font (bookbuild.translated_figures)."""
    profile = Path(folder) / "profile_default"
    write_if_changed(profile / "ipython_kernel_config.py", figures.kernel_config())
    startups = {
        profile / "startup" / "00-reference-solutions.py": _PRELOAD if preload else None,
        profile / "startup" / "01-translated-figures.py": (
            translated_figures.startup_file(i18n.figure_catalog(language)) if language else None
        ),
    }
    for startup, text in startups.items():
        if text is not None:
            write_if_changed(startup, text)
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
