"""A Chinese notebook graded by the engine: exactly the English scores, and the feedback in Chinese."""

import copy
import html
import re

import pytest

from autograder import sandbox
from autograder.engine import grade_submission
from autograder.feedback import HideHiddenTests
from chapterkit import cells as nbcells
from chapterkit import i18n
from chapterkit.sources import CHAPTERS, source_notebook
from chapterkit.student import student_notebook
from tests.builders import needs_bubblewrap
from tests.corpus import VARIANTS

pytestmark = [needs_bubblewrap, pytest.mark.slow]

CHAPTER = "01_one_neuron"
CJK = re.compile(r"[\u4e00-\u9fff]")
SAMPLE = [v for v in VARIANTS if v["chapter"] == CHAPTER][::2]


@pytest.fixture(scope="module")
def notebooks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("zh")
    i18n.generate("zh_CN", folder)
    source = source_notebook(CHAPTERS / f"{CHAPTER}.md")  # what the instructor released: the English assignment
    return source, student_notebook(source), student_notebook(source_notebook(folder / "chapters" / f"{CHAPTER}.md"))


def _completed(student_nb, exercise, code):
    nb = copy.deepcopy(student_nb)
    cell = next(c for c in nb.cells if nbcells.grade_id(c) == exercise)
    cell.source = code
    return nb


def _grade(source, submitted):
    return grade_submission(source, submitted, sandbox.Limits(call_seconds=10, wall_seconds=60))


def _submissions(source):
    reference = next(c.source for c in source.cells if nbcells.grade_id(c) == "sigmoid")
    yield "reference", "sigmoid", reference
    for variant in SAMPLE:
        yield variant["name"], variant["exercise"], variant["path"].read_text(encoding="utf-8")


def test_the_chinese_notebook_earns_the_english_scores_with_chinese_feedback(notebooks):
    source, english, chinese = notebooks
    assert any(v["kind"] == "wrong" for v in SAMPLE) and any(v["kind"] == "right" for v in SAMPLE)
    failed_somewhere = 0
    for name, exercise, code in _submissions(source):
        en = _grade(source, _completed(english, exercise, code))["tests"]
        zh = _grade(source, _completed(chinese, exercise, code))["tests"]
        assert {k: v["earned"] for k, v in en.items()} == {k: v["earned"] for k, v in zh.items()}, name
        for grade_id, result in zh.items():
            if result["message"]:
                failed_somewhere += 1
                assert CJK.search(result["message"]), (name, grade_id, result["message"])
                assert not CJK.search(en[grade_id]["message"] or ""), (name, grade_id)
    assert failed_somewhere, "the sample has a wrong variant that fails a test"


def test_the_feedback_page_speaks_the_notebooks_language(notebooks):
    _, english, chinese = notebooks
    pages = {}
    for language, nb in (("en", english), ("zh", chinese)):
        nb, _ = HideHiddenTests().preprocess(copy.deepcopy(nb), {})
        pages[language] = nb.cells[0].source
    assert pages["en"].startswith("## Your tests at a glance")
    assert pages["zh"].startswith("## 测试结果一览") and "| 测试 | 分值 | 结果 |" in pages["zh"]


def test_at_home_a_chinese_notebook_fails_with_the_graders_chinese_sentence(notebooks, tmp_path):
    import nbformat

    from tests.autograder.test_same_verdict import _start_at_home, _verdicts
    from tests.builders import visible_only

    source, _, chinese = notebooks
    written = []
    for i, (name, exercise, code) in enumerate(_submissions(source)):
        path = tmp_path / f"{i:02d}-{name}.ipynb"
        nbformat.write(_completed(chinese, exercise, code), path)
        written.append((name, path))
    running = _start_at_home("2.0.2", [path for _, path in written])  # Colab's NumPy, no course package
    graded = {name: _grade(visible_only(source), nbformat.read(path, as_version=4)) for name, path in written}
    home = _verdicts(running)
    differences, failures = [], 0
    for name, path in written:
        for test, result in graded[name]["tests"].items():
            there, here = result["message"], home[str(path)].get(test, "the test cell did not run")
            if there:
                failures += 1
                assert CJK.search(here or ""), (name, test, here)
            if (there is None) != (here is None) or (there and here and there.splitlines()[0] != here.splitlines()[0]):
                differences.append(f"{name} {test}:\n  grader: {there}\n  home:   {here}")
    assert failures and not differences, "\n".join(differences)


def test_nbgraders_own_labels_on_the_feedback_page_are_translated():
    from pathlib import Path

    import nbgrader

    from autograder.feedback import translate_page

    # The feedback template's text, as nbgrader writes it into every page (its labels are literal there).
    template = Path(nbgrader.__file__).parent / "server_extensions/formgrader/templates/feedback/index.html.j2"
    english = template.read_text(encoding="utf-8")
    chinese = translate_page(english, "zh_CN")
    assert translate_page(english, "en") == english
    assert '<html lang="zh-CN">' in chinese
    for label in ["Score:", "Student's answer", "Student's task", "Grade cell:", "Comments:", "Written response"]:
        assert label in english and label not in chinese, label
    assert "得分" in chinese and "你的答案" in chinese and "评语" in chinese


def test_the_note_of_a_left_out_example_cell_is_translated():
    from autograder.feedback import translate_page
    from autograder.needless import NOT_RUN

    page = f"<html><body><pre>{html.escape(NOT_RUN)}</pre></body></html>"
    chinese = translate_page(page, "zh_CN")
    assert NOT_RUN.strip() not in chinese and "评分时未运行" in chinese
    assert translate_page(page, "en") == page
