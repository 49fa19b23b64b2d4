"""Chapter sources to notebooks: markers, the student transform, and golden files."""

import contextlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest

from chapterkit.cells import grade_id, is_test
from chapterkit.leaks import secret_lines
from chapterkit.plain import plain_markdown
from chapterkit.sources import (
    ROOT,
    chapter_paths,
    dumps,
    exercise_ids,
    keep_going_cells,
    kept_going_form,
    read_chapter,
    reported_form,
    source_notebook,
)
from chapterkit.student import student_notebook

FIXTURES = Path(__file__).parents[1] / "fixtures" / "chapters"
GOLDEN = Path(__file__).parents[1] / "golden"


@pytest.mark.parametrize("chapter", chapter_paths(FIXTURES), ids=lambda p: p.stem)
def test_student_notebook_matches_its_golden_file(chapter):
    """The released notebook, byte for byte. Regenerate with UPDATE_GOLDEN=1 after a deliberate change."""
    produced = dumps(student_notebook(source_notebook(chapter)))
    golden = GOLDEN / f"{chapter.stem}.student.ipynb"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8"), f"{golden.name} is out of date (UPDATE_GOLDEN=1)"


# MyST a notebook viewer would show as raw text: directives, roles, targets, equation labels, options.
MYST = re.compile(r"^(?::::+|```+)\{|\{[a-z][\w:-]*\}`|^\([\w-]+\)=|^\$\$ *\(|^:(?:class|name|label):", re.MULTILINE)


@pytest.mark.parametrize("chapter", chapter_paths(), ids=lambda p: p.stem)
def test_the_student_notebook_has_no_myst_syntax_left(chapter):
    markdown = [c.source for c in student_notebook(source_notebook(chapter)).cells if c.cell_type == "markdown"]
    leftovers = [match.group(0) for text in markdown for match in MYST.finditer(text)]
    assert leftovers == [], f"{chapter.name}: MyST a notebook viewer shows raw: {leftovers[:5]}"
    assert "\\tag{" in "".join(markdown) and "<details>" in "".join(markdown)


def test_the_myst_scan_can_fail():
    chapter = read_chapter(chapter_paths()[0])
    found = [m.group(0) for c in chapter.cells if c.cell_type == "markdown" for m in MYST.finditer(c.source)]
    assert {":::{", "{eq}`", "$$ (", ":class:"} <= set(found)


def test_myst_becomes_plain_markdown_numbered_as_the_book_numbers_it():
    first, second = (source_notebook(FIXTURES / name) for name in ("01_first.md", "02_second.md"))
    text = "\n".join(c.source for c in first.cells if c.cell_type == "markdown")
    assert "> **Learning objectives**\n>\n> You can double a number, as in (1.1)." in text
    assert "$$\nd(x) = 2x\n\\tag{1.1}\n$$" in text and "$$\nd(d(x)) = 4x\n\\tag{1.2}\n$$" in text
    assert "and twice that, (1.2):" in text
    assert "<details>\n<summary>Answers</summary>\n\n1. $6$, by (1.1).\n\n</details>" in text
    # A reference to another chapter's equation takes that chapter's number.
    assert "doubling twice, (1.2)." in "".join(c.source for c in second.cells if c.cell_type == "markdown")


def test_only_markdown_cells_change_and_tests_and_examples_run_inside_the_test_kit():
    myst, plain = source_notebook(FIXTURES / "01_first.md", myst=True), source_notebook(FIXTURES / "01_first.md")
    assert [c.id for c in myst.cells] == [c.id for c in plain.cells]
    assert [c.metadata for c in myst.cells] == [c.metadata for c in plain.cells]
    code = [(m, p) for m, p in zip(myst.cells, plain.cells) if m.cell_type == "code"]
    examples = [(m, p) for m, p in code if m in keep_going_cells(myst.cells)]
    assert [m.source for m, _ in examples] == ['doubled = double(number)\nprint(f"double({number}) = {doubled}")']
    assert all(p.source == kept_going_form(m.source) for m, p in examples)
    rest = [(m, p) for m, p in code if not is_test(m) and (m, p) not in examples]
    assert rest and [m.source for m, _ in rest] == [p.source for _, p in rest]  # the solution, the data cell
    tests = [(m, p) for m, p in code if is_test(m)]
    assert tests and all(p.source == reported_form(m.source, grade_id(m), m.metadata.nbgrader.points) for m, p in tests)
    assert [c.source for c in myst.cells if c.cell_type == "markdown"] != [
        c.source for c in plain.cells if c.cell_type == "markdown"
    ]


@pytest.mark.parametrize(
    "text", ["```{note}\nA note.\n```", "See {numref}`fig-one`.", "(sec-one)=\n# One", "{eq}`nowhere`"]
)
def test_myst_with_no_plain_form_is_an_error(text):
    with pytest.raises(ValueError, match="MyST syntax|refers to no"):
        plain_markdown(text, {})


@pytest.mark.parametrize("chapter", chapter_paths(), ids=lambda p: p.stem)
def test_the_last_cell_runs_every_visible_test_and_run_all_goes_on_past_a_failure(chapter):
    source, student = source_notebook(chapter), student_notebook(source_notebook(chapter))
    tests = [c for c in student.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert all("raises-exception" in c.metadata["tags"] for c in tests)
    last = student.cells[-1]
    assert "self-check" in last.metadata["tags"] and last.metadata["nbgrader"]["locked"]
    assert not last.metadata["nbgrader"]["grade"] and not last.metadata["nbgrader"]["solution"]
    listed = eval(last.source.split("check_all(", 1)[1].rsplit(")", 1)[0], {"__builtins__": {}})  # literals and [1:]
    assert [(g, p) for g, p, _ in listed] == [(grade_id(c), c.metadata["nbgrader"]["points"]) for c in tests]
    # The self-check runs each test's visible code as written; the test cell runs it inside reported(...).
    assert [reported_form(code, g, p) for g, p, code in listed] == [c.source for c in tests]
    assert all(f"\nwith reported({grade_id(c)!r}, points=" in "\n" + c.source for c in tests)
    assert not any(line in last.source for line in secret_lines(source))


def test_reported_form_keeps_the_code_and_its_leading_comment():
    source = '# What it checks.\n# More.\nnote = """a\n  b\n"""\n\nif note:\n    expect_close("x", 1, 1)\n'
    wrapped = reported_form(source, "test_x", 2)
    assert wrapped.startswith(
        '# What it checks.\n# More.\nwith reported(\'test_x\', points=2):\n    note = """a\n  b\n'
    )
    seen = []
    namespace = {"reported": lambda *a, **k: contextlib.nullcontext(seen.append((a, k))), "expect_close": print}
    exec(wrapped, namespace)
    assert seen == [(("test_x",), {"points": 2})]
    assert namespace["note"] == "a\n  b\n"  # a multi-line string is not indented


def test_the_cells_that_use_a_students_function_or_what_such_a_cell_made_run_inside_keep_going():
    nb = source_notebook(FIXTURES / "01_first.md", myst=True)
    sources = [
        "import numpy as np\nx = np.arange(3)",  # no student function: as written
        "def helper(v):\n    return double(v) + 1",  # a function of its own that uses one
        "y = helper(x)",  # what the cell before defined
        "print(y)",  # what the cell before made
        "print(x)",  # only what no wrapped cell made
    ]
    extra = [nbformat.v4.new_code_cell(source) for source in sources]
    chosen = keep_going_cells(nb.cells + extra)
    assert [c.source for c in chosen] == ['doubled = double(number)\nprint(f"double({number}) = {doubled}")'] + sources[
        1:4
    ]
    assert not any(is_test(c) or c.metadata.get("nbgrader") for c in chosen)


def test_keep_going_form_keeps_the_code_under_its_leading_comment_and_a_note():
    source = '# What it shows.\ntext = """a\n  b\n"""\nfor k in range(2):\n    print(double(k))\nplt.show()\n'
    wrapped = kept_going_form(source)
    assert wrapped.startswith("# What it shows.\n# Runs inside keep_going(): ")
    assert (
        '\nwith keep_going():\n    text = """a\n  b\n"""\n    for k in range(2):\n        print(double(k))\n' in wrapped
    )
    printed = []
    namespace = {"keep_going": contextlib.nullcontext, "double": lambda v: 2 * v, "print": printed.append}
    namespace["plt"] = type("plt", (), {"show": staticmethod(lambda: printed.append("shown"))})
    exec(wrapped, namespace)
    assert printed == [0, 2, "shown"] and namespace["text"] == "a\n  b\n"


@pytest.mark.parametrize("last", ["double(3)", "np.array([double(3)])", "value"])
def test_an_example_cell_whose_value_would_not_show_inside_keep_going_is_named(last):
    with pytest.raises(ValueError, match="bare expression"):
        kept_going_form(f"value = double(2)\n{last}\n")


def test_a_test_whose_visible_part_is_empty_cannot_be_wrapped():
    hidden_only = "### BEGIN HIDDEN TESTS\nexpect_close('x', 1, 1)\n### END HIDDEN TESTS\n"
    with pytest.raises(ValueError, match="cannot run inside reported"):
        reported_form(hidden_only, "test_x", 1)


def test_solutions_become_stubs_and_hidden_tests_vanish():
    nb = student_notebook(source_notebook(FIXTURES / "01_first.md"))
    text = "\n".join(cell.source for cell in nb.cells)
    assert "return 2 * x" not in text and "raise NotImplementedError()" in text
    assert "double(-1.5)" not in text and 'expect_close("double(3)"' in text


def test_testkit_cell_is_injected_read_only():
    nb = source_notebook(FIXTURES / "01_first.md")
    kit = next(cell for cell in nb.cells if cell.metadata.get("nbgrader", {}).get("grade_id") == "testkit")
    assert "def expect_close" in kit.source
    assert kit.metadata["nbgrader"]["locked"] and not kit.metadata["nbgrader"]["grade"]


def test_a_carried_exercise_is_copied_from_its_chapter_and_stubbed_for_students():
    source = source_notebook(FIXTURES / "02_second.md")
    carried = source.cells[1]
    assert carried.metadata["nbgrader"]["grade_id"] == "carried_double"
    assert "return 2 * x" in carried.source and "from chapter 1" in carried.source
    student = student_notebook(source)
    assert "return 2 * x" not in student.cells[1].source
    assert exercise_ids(FIXTURES / "02_second.md") == ["quadruple"]


def test_a_carry_of_an_unknown_exercise_is_named(tmp_path):
    (tmp_path / "01_lonely.md").write_text(
        (FIXTURES / "02_second.md").read_text().replace("carry: double", "carry: triple")
    )
    with pytest.raises(ValueError, match="carry: 'triple' names no exercise"):
        source_notebook(tmp_path / "01_lonely.md")


def test_cell_ids_are_stable():
    assert dumps(source_notebook(FIXTURES / "01_first.md")) == dumps(source_notebook(FIXTURES / "01_first.md"))


def test_secret_lines_are_the_solution_and_hidden_test_lines():
    secrets = secret_lines(source_notebook(FIXTURES / "01_first.md"))
    assert secrets == {"return 2 * x", 'expect_close("double(-1.5)", call(double, -1.5), -3.0)'}


@pytest.mark.parametrize("chapter", chapter_paths(), ids=lambda p: p.stem)
def test_every_chapter_exercise_has_tests_and_every_test_has_points(chapter):
    cells = [c for c in read_chapter(chapter).cells if "nbgrader" in c.metadata]
    exercises = [c.metadata["nbgrader"]["grade_id"] for c in cells if c.metadata["nbgrader"]["solution"]]
    tests = [c.metadata["nbgrader"] for c in cells if c.metadata["nbgrader"]["grade"]]
    assert exercises and tests, f"{chapter.name} has no graded exercise"
    for test in tests:
        assert test["grade_id"].startswith("test_") and test["locked"]
        # Only a "going further" check is worth 0 points, and it only reports (see test_going_further_cells_only_report).
        assert (test.get("points", 0) > 0) != test["grade_id"].endswith("_going_further"), test["grade_id"]
    for exercise in exercises:
        assert any(t["grade_id"].startswith(f"test_{exercise}") for t in tests), f"{exercise} has no test cell"


def notebooks_with_outputs(paths):
    found = []
    for path in paths:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        if any(c.get("outputs") or c.get("execution_count") for c in nb["cells"] if c["cell_type"] == "code"):
            found.append(str(path))
    return found


def test_no_committed_notebook_carries_outputs():
    tracked = subprocess.run(["git", "ls-files", "*.ipynb"], cwd=ROOT, capture_output=True, text=True, check=True)
    paths = [ROOT / name for name in tracked.stdout.split()]
    assert paths, "the golden notebooks at least should be tracked"
    assert notebooks_with_outputs(paths) == []


def test_the_outputs_check_can_fail(tmp_path):
    nb = json.loads((GOLDEN / "01_first.student.ipynb").read_text())
    code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "42\n"}]
    (tmp_path / "run.ipynb").write_text(json.dumps(nb))
    assert notebooks_with_outputs([tmp_path / "run.ipynb"]) == [str(tmp_path / "run.ipynb")]


@pytest.mark.parametrize("chapter", chapter_paths(), ids=lambda p: p.stem)
def test_the_student_notebook_needs_only_numpy_matplotlib_and_scikit_learn(chapter):
    import re

    allowed = {"numpy", "matplotlib", "sklearn", "scipy"} | set(sys.stdlib_module_names)
    imported = set()
    for cell in student_notebook(source_notebook(chapter)).cells:
        if cell.cell_type == "code":
            imported |= set(re.findall(r"^\s*(?:from|import)\s+([A-Za-z_]\w*)", cell.source, re.MULTILINE))
    assert imported <= allowed, f"{chapter.name} imports {sorted(imported - allowed)}, which Colab does not have"


@pytest.mark.parametrize("chapter", chapter_paths(), ids=lambda p: p.stem)
def test_going_further_cells_only_report(chapter):
    for cell in read_chapter(chapter).cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id", "").endswith("_going_further"):
            assert cell.metadata["nbgrader"]["points"] == 0
            assert "going_further(" in cell.source and "raise" not in cell.source and "expect_" not in cell.source


def test_chapter_four_solution_survives_a_saturated_neuron():
    # At z = 40, a is exactly 1.0 in float64: the textbook 1 / (1 - a) would divide by zero.
    import solutions
    from autograder.examples import solution_cells

    namespace = {"np": np, "sigmoid": solutions.sigmoid}
    exec(solution_cells("04_backprop_one_example")["backward_single"], namespace)
    for y in (0, 1):
        out = namespace["backward_single"](np.array([[40.0]]), y, np.array([[1.0]]), 0.0)
        assert out["dz"] == 1.0 - y and np.isfinite(out["da"]) and out["da"] > 1e17 if y == 0 else out["da"] == -1.0
