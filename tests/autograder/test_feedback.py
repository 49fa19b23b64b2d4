"""What a student wrote is shown, never run, on a feedback page."""

import nbformat
from nbconvert import HTMLExporter

from autograder.course import Course
from autograder.feedback import escape_markdown, neutralize_links


def test_markdown_tags_are_escaped_and_math_is_left_alone():
    assert escape_markdown('<script>alert(1)</script> <img src=x onerror=alert(2)>') == \
        '&lt;script>alert(1)&lt;/script> &lt;img src=x onerror=alert(2)>'
    assert escape_markdown("$z < 0$ and $a <b$") == "$z < 0$ and $a &lt;b$"


def test_links_that_would_run_script_are_blocked():
    page = '<a href="javascript:alert(1)">x</a> <a href=" JavaScript:alert(1)">y</a> <img src="data:text/html,hi">'
    kept = '<img src="data:image/png;base64,AAAA"> <a href="#test_a">test_a</a>'
    assert "javascript:" not in neutralize_links(page).lower() and "data:text" not in neutralize_links(page)
    assert neutralize_links(kept) == kept


def test_the_course_configuration_sanitizes_html_outputs(tmp_path):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("show()")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": "<b>bold</b><script>alert(1)</script>"})]
    nb.cells.append(cell)
    body, _ = HTMLExporter(config=Course(tmp_path / "course").config()).from_notebook_node(nb)
    assert "<b>bold</b>" in body and "<script>alert(1)" not in body
