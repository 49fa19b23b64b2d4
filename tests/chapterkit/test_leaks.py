"""The one leak scan: what a page, a notebook or a feedback file shows of a chapter's secrets."""

import nbformat
from nbconvert import HTMLExporter

from chapterkit.leaks import html_text, notebook_text, published_text, secret_lines, shown

HIDDEN = "expected = reference_sigmoid(grading_z)"


def test_highlighted_code_in_a_page_reads_as_written():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(f"{HIDDEN}\nexpect_close('x', 1, 1)")])
    page, _ = HTMLExporter().from_notebook_node(nb)
    assert HIDDEN not in page  # the highlighter splits the line into spans: a scan of the raw page misses it
    assert shown({HIDDEN}, html_text(page)) == [HIDDEN]
    assert html_text("<p>a &lt; b &amp;&amp; <b>c</b></p>") == "a < b && c"


def test_a_short_secret_counts_only_as_a_whole_line_and_a_long_one_anywhere():
    text = "m = X.shape[1]  # used by the demo too\n  return   2 * x\nprint(expected = reference_sigmoid(grading_z))"
    assert shown({"m = X.shape[1]", "return 2 * x", HIDDEN}, text) == sorted([HIDDEN, "return 2 * x"])
    assert shown({"m = X.shape[1]"}, "m = X.shape[1]\n") == ["m = X.shape[1]"]
    assert shown({HIDDEN, "return 2 * x"}, "nothing to see") == []


def test_a_notebooks_outputs_are_read_errors_included_and_its_sources_only_when_asked():
    cell = nbformat.v4.new_code_cell(HIDDEN)
    cell.outputs = [
        nbformat.v4.new_output("error", ename="AssertionError", evalue="wrong", traceback=[f"----> 1 {HIDDEN}"])
    ]
    nb = nbformat.v4.new_notebook(cells=[cell])
    assert shown({HIDDEN}, notebook_text(nb, sources=False)) == [HIDDEN]
    cell.outputs = []
    assert shown({HIDDEN}, notebook_text(nb, sources=False)) == []
    assert shown({HIDDEN}, notebook_text(nb)) == [HIDDEN]


def test_a_published_file_is_read_by_its_kind(tmp_path):
    (tmp_path / "page.html").write_text(f"<pre><span>{HIDDEN[:10]}</span>{HIDDEN[10:]}</pre>", encoding="utf-8")
    (tmp_path / "figure.png").write_bytes(HIDDEN.encode())
    assert shown({HIDDEN}, published_text(tmp_path / "page.html")) == [HIDDEN]
    assert published_text(tmp_path / "figure.png") == ""


def test_the_secrets_are_the_lines_inside_the_regions_asked_for():
    cell = nbformat.v4.new_code_cell(
        "def f(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION\n"
        f"### BEGIN HIDDEN TESTS\n{HIDDEN}\n### END HIDDEN TESTS\n"
    )
    nb = nbformat.v4.new_notebook(cells=[cell])
    assert secret_lines(nb) == {"return 2 * x", HIDDEN}
    assert secret_lines(nb, regions=[("BEGIN HIDDEN TESTS", "END HIDDEN TESTS")]) == {HIDDEN}
