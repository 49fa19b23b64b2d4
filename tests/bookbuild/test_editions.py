"""The two editions of the book, built from the same sources."""

import json
import re

import pytest

from chapterkit.leaks import all_secret_lines, find_leaks
from chapterkit.plain import equation_labels, equation_numbers
from chapterkit.sources import chapter_number, chapter_paths, dumps, source_notebook
from chapterkit.student import student_notebook

pytestmark = pytest.mark.slow


def test_no_solution_or_hidden_test_line_is_published_in_the_student_edition(built_book):
    secrets = all_secret_lines()
    assert len(secrets) > 20
    assert find_leaks(built_book["student"], secrets) == []


def test_the_scan_does_find_them_in_the_instructor_edition(built_book):
    # The positive control: the same scan over the instructor edition finds every chapter's solutions.
    leaked = find_leaks(built_book["instructor"])
    assert {chapter for _, chapter, _ in leaked} == {path.stem for path in chapter_paths()}


@pytest.mark.parametrize("chapter", chapter_paths(), ids=lambda p: p.stem)
def test_the_download_is_the_student_notebook(built_book, chapter):
    text = (built_book["student"] / "_sources" / "chapters" / f"{chapter.stem}.ipynb").read_text()
    assert text == dumps(student_notebook(source_notebook(chapter)))
    published = json.loads(text)
    assert all(not cell.get("outputs") for cell in published["cells"] if cell["cell_type"] == "code")
    grade_ids = {cell["metadata"].get("nbgrader", {}).get("grade_id") for cell in published["cells"]}
    assert "testkit" in grade_ids and any(g and g.startswith("test_") for g in grade_ids)


@pytest.mark.parametrize("chapter", chapter_paths(), ids=lambda p: p.stem)
def test_the_instructor_edition_shows_solutions_in_toggles(built_book, chapter):
    page = (built_book["instructor"] / "chapters" / f"{chapter.stem}.html").read_text()
    assert "BEGIN SOLUTION" in page and "tag_hide-input" in page
    assert "instructor edition" in page


def test_mathjax_is_served_by_the_site(built_book):
    for edition, html in built_book.items():
        assert (html / "_static" / "mathjax" / "tex-chtml.js").exists(), edition
        page = (html / "chapters" / f"{chapter_paths()[0].stem}.html").read_text()
        assert 'src="../_static/mathjax/tex-chtml.js' in page


def test_every_page_declares_an_icon_the_site_has(built_book):
    # A page that declares none makes the browser fetch /favicon.ico, a 404 and a console error
    # (jupyter-book's redirect index.html was one, flaking the browser tests).
    missing = []
    for edition, html in built_book.items():
        for page in sorted(p for p in html.rglob("*.html") if "_static" not in p.parts):
            icon = re.search(r'<link rel="icon" href="([^"]+)"', page.read_text(encoding="utf-8"))
            if not icon or not (page.parent / icon.group(1)).is_file():
                missing.append(f"{edition}: {page.relative_to(html)}")
    assert missing == []


def test_the_notebook_numbers_equations_as_the_book_does(built_book):
    numbers = equation_numbers((chapter_number(p), p.read_text()) for p in chapter_paths())
    for chapter in chapter_paths():
        page = (built_book["student"] / "chapters" / f"{chapter.stem}.html").read_text()
        in_book = re.findall(r'<span class="eqno">\(([\d.]+)\)', page)
        assert in_book == [numbers[label] for label in equation_labels(chapter.read_text())], chapter.name


@pytest.mark.parametrize("edition", ["student", "instructor"])
def test_every_test_cell_is_folded_behind_a_toggle_that_says_what_it_checks(built_book, edition):
    from bs4 import BeautifulSoup

    for chapter in chapter_paths():
        tests = [
            c
            for c in source_notebook(chapter).cells
            if c.metadata.get("nbgrader", {}).get("grade") and not c.metadata["nbgrader"].get("solution")
        ]
        page = BeautifulSoup((built_book[edition] / "chapters" / f"{chapter.stem}.html").read_text(), "html.parser")
        cells = page.select("div.cell.tag_visible-test")
        assert len(cells) == len(tests), f"{edition} {chapter.stem}: {len(cells)} folded test cells, {len(tests)} tests"
        for cell, test in zip(cells, tests):
            toggle = cell.select_one("details.above-input")
            assert toggle is not None and toggle.select_one(".cell_input") is not None, (
                f"{chapter.stem}: a test's code is not folded"
            )
            assert "open" not in toggle.attrs, f"{chapter.stem}: a folded test starts open"
            title = toggle.summary.get_text(" ", strip=True)
            points = test.metadata["nbgrader"]["points"]
            assert title.startswith("Test: ") and (f"({points} point" in title or "0 points" in title), title
        visible_code = [pre for pre in page.select("div.cell_input pre") if not pre.find_parent("details")]
        shown_tests = [pre for pre in visible_code if pre.find_parent("div", class_="tag_visible-test")]
        assert not shown_tests, f"{edition} {chapter.stem}: test code shown unfolded"
