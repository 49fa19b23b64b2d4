"""What a student wrote is shown, never run, on a feedback page."""

import nbformat
from nbconvert import HTMLExporter

from autograder.course import Course
from autograder.feedback import HIDDEN_NOTE, HideHiddenTests, escape_markdown, feedback, neutralize_links
from tests.tiny_course import CHAPTER, submitted_notebook, tiny_course


def test_markdown_tags_are_escaped_and_math_is_left_alone():
    assert (
        escape_markdown("<script>alert(1)</script> <img src=x onerror=alert(2)>")
        == "&lt;script>alert(1)&lt;/script> &lt;img src=x onerror=alert(2)>"
    )
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


def test_hidden_tests_and_tracebacks_are_removed_and_every_test_is_summed_up():
    nb = submitted_notebook()
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="the student's print\n")]
    nb.cells[1].outputs = [
        nbformat.v4.new_output(
            "error",
            ename="AssertionError",
            evalue="double(7) is 21",
            traceback=["Traceback", "  assert double(7) == 14", "AssertionError"],
        )
    ]
    nb.cells.insert(0, nbformat.v4.new_markdown_cell("<script>alert(1)</script>"))
    nb, _ = HideHiddenTests().preprocess(nb, {})
    summary, markdown, solution, test_a, test_b = nb.cells
    assert "| `test_a` | 2 | <code>AssertionError: double(7) is 21</code> |" in summary.source
    assert "| `test_b` | 1 | passed |" in summary.source
    assert markdown.source == "&lt;script>alert(1)&lt;/script>"
    assert solution.outputs[0]["text"] == "the student's print\n"
    assert (
        "double(7)" not in test_a.source and HIDDEN_NOTE in test_a.source and "assert double(1) == 2" in test_a.source
    )
    assert test_a.outputs[0]["traceback"] == ["AssertionError: double(7) is 21"]


def test_a_student_whose_file_could_not_be_graded_gets_a_page_saying_why(tmp_path):
    course = tiny_course(tmp_path, {"bo": ("Bo", "Li", ""), "cy": ("Cy", "Young", "")})
    course.record_collected(
        CHAPTER, {"bo": {"imported": False, "problems": ["bo.pdf is <not> a notebook"], "notes": []}}
    )
    (page,) = feedback(course, "1")
    assert page == course.feedback_path("bo", CHAPTER)
    text = page.read_text(encoding="utf-8")
    assert "bo.pdf is &lt;not&gt; a notebook" in text and "Score: 0 / 3" in text
    assert sorted(p.name for p in page.parent.iterdir()) == [
        f"{CHAPTER}.html",
        "submission_secret.txt",
        "timestamp.txt",
    ]
    assert not course.feedback_path("cy", CHAPTER).exists()  # handed in nothing: no page
