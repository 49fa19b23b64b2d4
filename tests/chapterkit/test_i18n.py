"""The translated editions' sources: catalogs, generated chapters, the same notebooks to grade, the test kit's language."""

import re
import shutil
import subprocess

import numpy as np
import polib
import pytest

from chapterkit import i18n, sources
from chapterkit.cells import SELF_CHECK_TAG
from chapterkit.sources import CHAPTERS, source_notebook
from chapterkit.student import student_notebook

LANGUAGE = "zh_CN"
CHAPTER = "01_one_neuron"


@pytest.fixture(scope="module", autouse=True)
def gettext():
    # Debian's gettext (msgmerge, msgfmt): tools/install-system-packages installs it for make test.
    missing = [tool for tool in ("msgmerge", "msgfmt") if shutil.which(tool) is None]
    assert not missing, f"{missing} not found: install Debian's gettext (tools/install-system-packages)"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("zh")
    i18n.generate(LANGUAGE, folder)
    return folder


@pytest.fixture(scope="module")
def notebooks(generated):
    english = student_notebook(source_notebook(CHAPTERS / f"{CHAPTER}.md"))
    chinese = student_notebook(source_notebook(generated / "chapters" / f"{CHAPTER}.md"))
    return english, chinese


def test_a_markdown_text_splits_into_one_message_per_block():
    text = (
        "# A title\n\n:::{admonition} Learning objectives\n:class: tip\n\nBy the end\nyou can\n\n"
        "1. one thing;\n2. another\n   thing.\n:::\n\n$$\nz = 1\n$$ (def-z)\n\n| a | b |\n| --- | --- |\n| c | d |\n"
    )
    assert i18n.messages(text) == [
        "A title",
        "Learning objectives",
        "By the end you can",
        "one thing;",
        "another thing.",
        "| a | b |",
        "| c | d |",
    ]
    catalog = {("", "another thing."): "另一件事。", ("", "A title"): "标题"}
    translated = i18n.translate_markdown(text, catalog)
    assert translated.startswith("# 标题\n")
    assert "2. 另一件事。\n:::" in translated
    assert "$$\nz = 1\n$$ (def-z)" in translated and ":class: tip" in translated
    assert "1. one thing;" in translated  # untranslated blocks stay English


def test_generated_chapter_keeps_every_code_cell_byte_for_byte(generated):
    def code_cells(text):
        return re.findall(r"^```\{code-cell\}.*?^```$", text, re.MULTILINE | re.DOTALL)

    english = code_cells((CHAPTERS / f"{CHAPTER}.md").read_text(encoding="utf-8"))
    chinese = code_cells((generated / "chapters" / f"{CHAPTER}.md").read_text(encoding="utf-8"))
    assert len(english) == len(chinese) > 5
    for en, zh in zip(english, chinese):
        # Only a figure's description differs, on its alt: line.
        assert [line for line in en.split("\n") if "alt:" not in line] == [
            line for line in zh.split("\n") if "alt:" not in line
        ]
    assert sum(en != zh for en, zh in zip(english, chinese)) == 3  # chapter 1's three figures


def test_the_two_student_notebooks_grade_alike(notebooks):
    english, chinese = notebooks
    assert chinese.metadata["course"] == {"chapter": CHAPTER, "language": LANGUAGE}
    assert "language" not in english.metadata["course"]
    assert [c.cell_type for c in english.cells] == [c.cell_type for c in chinese.cells]
    compared = 0
    for en, zh in zip(english.cells, chinese.cells):
        if en.cell_type != "code":
            assert en.source != zh.source or not en.source.strip()  # every Markdown cell is translated
            continue
        assert en.id == zh.id
        grader_en, grader_zh = en.metadata.get("nbgrader", {}), zh.metadata.get("nbgrader", {})
        if grader_en.get("grade_id") == "testkit":
            # The one code cell that differs: the test kit carries the notebook's catalog on its MESSAGES line.
            strip = re.compile(r"^MESSAGES = \{\}[^\n]*\n|^MESSAGES = \{  #.*?^\}\n", re.MULTILINE | re.DOTALL)
            assert strip.sub("", en.source) == strip.sub("", zh.source)
            assert {k: v for k, v in grader_en.items() if k != "checksum"} == {
                k: v for k, v in grader_zh.items() if k != "checksum"
            }
            continue
        assert en.source == zh.source
        assert grader_en == grader_zh  # grade ids, points, checksums
        compared += 1
    assert compared >= 6
    points = [
        c.metadata["nbgrader"].get("points") for c in chinese.cells if c.metadata.get("nbgrader", {}).get("grade")
    ]
    assert sum(points) == 4


TESTKIT_MESSAGES = re.compile(r"^MESSAGES = \{\}[^\n]*\n|^MESSAGES = \{  #.*?^\}\n", re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("chapter", sorted(path.stem for path in CHAPTERS.glob("[0-9]*.md")))
def test_every_chapters_two_student_notebooks_have_the_same_code_ids_grade_ids_points_and_checksums(generated, chapter):
    english = student_notebook(source_notebook(CHAPTERS / f"{chapter}.md"))
    chinese = student_notebook(source_notebook(generated / "chapters" / f"{chapter}.md"))
    assert chinese.metadata["course"]["language"] == LANGUAGE
    assert [c.cell_type for c in english.cells] == [c.cell_type for c in chinese.cells]
    assert [c.id for c in english.cells if c.cell_type == "code"] == [
        c.id for c in chinese.cells if c.cell_type == "code"
    ]
    translated = 0
    for en, zh in zip(english.cells, chinese.cells):
        grader_en, grader_zh = en.metadata.get("nbgrader", {}), zh.metadata.get("nbgrader", {})
        if en.cell_type != "code":
            translated += en.source != zh.source
        elif grader_en.get("grade_id") == "testkit":
            assert TESTKIT_MESSAGES.sub("", en.source) == TESTKIT_MESSAGES.sub("", zh.source)
            assert {k: v for k, v in grader_en.items() if k != "checksum"} == {
                k: v for k, v in grader_zh.items() if k != "checksum"
            }
        else:
            assert en.source == zh.source
            assert grader_en == grader_zh
    markdown = [c for c in english.cells if c.cell_type == "markdown" and c.source.strip()]
    assert translated == len(markdown), f"{len(markdown) - translated} Markdown cells of {chapter} are still English"


def test_the_chinese_student_notebook_leaks_no_hidden_test_sentence(notebooks):
    _, chinese = notebooks
    text = "\n".join(cell.source for cell in chinese.cells)
    hidden = [e.msgstr for e in i18n.load(LANGUAGE, CHAPTER) if "hidden test" in e.comment and e.msgstr]
    assert hidden, "chapter 1's hidden tests have a translated sentence"
    assert not [sentence for sentence in hidden if sentence in text]
    assert "### BEGIN SOLUTION" not in text


def _kit(notebook):
    namespace = {"np": np}
    kit = next(cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade_id") == "testkit")
    exec(compile(kit.source, "<testkit>", "exec"), namespace)
    return namespace


def _self_check(notebook, sigmoid):
    """Run the notebook's own self-check cell, the student's "check yourself", with ``sigmoid`` as the answer."""
    namespace = _kit(notebook)
    namespace["sigmoid"] = sigmoid
    cell = next(c for c in notebook.cells if SELF_CHECK_TAG in c.metadata.get("tags", []))
    exec(compile(cell.source, "<self-check>", "exec"), namespace)
    return namespace


def test_the_chinese_test_kit_speaks_chinese_and_scores_alike(notebooks, capsys):
    def mirrored(z):  # the mistake chapter 1 names: sigma(-z)
        return 1 / (1 + np.exp(np.asarray(z, dtype=np.float64)))

    reports = {}
    for language, notebook in zip(("en", "zh"), notebooks):
        _self_check(notebook, mirrored)
        reports[language] = capsys.readouterr().out
    score = re.compile(r"^(PASS|FAIL)  (\w+)", re.MULTILINE)
    assert score.findall(reports["en"]) == score.findall(reports["zh"])
    assert "Likely mistake: You computed sigma(-z)" in reports["en"]
    assert "可能的错误：你算出的是 sigma(-z)" in reports["zh"]
    assert "可见测试：得 1 分，满分 4 分" in reports["zh"]
    assert "in English" not in reports["zh"]  # every sentence it printed has its translation


def test_an_untranslated_sentence_falls_back_to_english_and_is_counted(notebooks, capsys):
    namespace = _kit(notebooks[1])
    failure = namespace["CheckFailed"]("A sentence no catalog has heard of.")
    assert str(failure) == "A sentence no catalog has heard of."
    assert namespace["UNTRANSLATED"] == {"A sentence no catalog has heard of."}
    # A template's placeholders match, and what they matched is translated in turn.
    failure = namespace["CheckFailed"]("sigmoid should return float64, but returned int64.")
    assert str(failure) == "sigmoid 应返回 float64，但返回了 int64。"
    with pytest.raises(AssertionError, match="sigmoid 对形状为 \\(3,\\) 的数组的输出 的形状应为"):
        namespace["expect_shape"]("sigmoid of an array of shape (3,)", np.zeros(2), (3,))
    assert len(namespace["UNTRANSLATED"]) == 1


def test_the_english_test_kit_is_unchanged_by_the_catalogs():
    assert sources.testkit_source("en") == sources.TESTKIT.read_text(encoding="utf-8")
    assert sources.TESTKIT_CATALOG_LINE in sources.testkit_source("en")


def test_the_grader_reads_the_language_from_the_submission(notebooks):
    from autograder.engine import messages_for

    english, chinese = notebooks
    assert messages_for(english, english) == {}
    catalog = messages_for(chinese, english)
    assert catalog["sigmoid on random inputs"] == "sigmoid 对随机输入的输出"  # a hidden test's, for the grader only
    forged = {"metadata": {"course": {"language": "xx_XX"}}}
    assert messages_for(forged, english) == {}


def test_completeness_is_reported_per_chapter_and_missing_catalogs_are_not_listed(capsys):
    rows = {domain: row for domain, *row in i18n.status(LANGUAGE)}
    for domain in ("intro", CHAPTER, i18n.TESTKIT_DOMAIN, i18n.TOC_DOMAIN, i18n.FEEDBACK_DOMAIN, i18n.BOOK_DOMAIN):
        assert rows[domain][3], f"{domain} has a catalog"
    every_page = [domain for domain in i18n.sources()]
    assert every_page and all(rows[domain][3] for domain in every_page), "every chapter and page is translated"
    # The rule CI applies: a catalog that exists has a translation for every message; stale ones are allowed.
    missing = {domain: row[2] for domain, row in rows.items() if row[3] and row[2]}
    assert not missing, f"untranslated messages in these catalogs: {missing}"
    not_started = [domain for domain, (_, _, _, exists) in rows.items() if not exists]
    assert set(not_started).isdisjoint(i18n.translated_pages(LANGUAGE))
    i18n.main(["status"])
    printed = capsys.readouterr().out
    # The suite prints the counts at its end (tests/conftest.py, pytest_terminal_summary).
    assert re.search(rf"^{CHAPTER} +\d+ +0 +0 +100%", printed, re.MULTILINE)


def test_check_fails_when_a_chapter_has_no_catalog(tmp_path, monkeypatch, capsys):
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE, locale)
    monkeypatch.setattr(i18n, "LOCALE", locale)
    assert i18n.main(["check"]) == 0
    i18n.catalog_path(LANGUAGE, CHAPTER).unlink()
    assert i18n.main(["check"]) == 1
    assert f"{CHAPTER}: no catalog" in capsys.readouterr().err


def test_an_edited_english_block_makes_its_translation_stale_not_missing(tmp_path, monkeypatch):
    chapter = tmp_path / "chapters" / f"{CHAPTER}.md"
    chapter.parent.mkdir()
    text = (CHAPTERS / f"{CHAPTER}.md").read_text(encoding="utf-8")
    edited = text.replace("**neuron**: it\nmultiplies each input", "**neuron**: it\nmultiplies every input")
    assert edited != text
    chapter.write_text(edited)
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE, locale)
    monkeypatch.setattr(i18n, "LOCALE", locale)
    monkeypatch.setattr(i18n, "sources", lambda: {CHAPTER: chapter})
    [(_, translated, stale, untranslated, _)] = i18n.status(LANGUAGE)
    assert (stale, untranslated) == (1, 0)
    i18n.update(LANGUAGE, [CHAPTER])
    entries = [e for e in polib.pofile(str(i18n.catalog_path(LANGUAGE, CHAPTER))) if e.fuzzy]
    assert len(entries) == 1 and "multiplies every input" in entries[0].msgid
    assert "multiplies each input" in entries[0].previous_msgid
    # A stale entry is not used: the block shows in English until a translator checks it.
    monkeypatch.setattr(i18n, "_load", i18n._load.__wrapped__)
    assert ("", entries[0].msgid) not in i18n.translations(LANGUAGE, CHAPTER)


def test_msgfmt_check_passes_on_every_catalog_and_fails_on_a_lost_placeholder(tmp_path):
    assert i18n.msgfmt_check(LANGUAGE) == []
    broken = tmp_path / "broken.po"
    po = polib.pofile(str(i18n.catalog_path(LANGUAGE, i18n.TESTKIT_DOMAIN)))
    entry = next(e for e in po if "python-brace-format" in e.flags)
    entry.msgstr = re.sub(r"\{\w+\}", "", entry.msgstr)
    po.save(str(broken))
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(broken)], capture_output=True, text=True)
    assert done.returncode != 0


def test_placeholders_and_the_glossary_are_respected():
    assert i18n.placeholder_problems(LANGUAGE) == []
    assert i18n.glossary_problems(LANGUAGE) == []


def test_the_glossary_lint_catches_a_term_translated_another_way(monkeypatch):
    po = polib.POFile()
    po.append(polib.POEntry(msgid="The bias of the neuron.", msgstr="神经元的偏差。"))
    po.append(polib.POEntry(msgid="It costs nothing.", msgstr="不扣分。", tcomment="glossary-skip: cost"))
    po.append(polib.POEntry(msgid="The `bias` argument, $b$.", msgstr="参数 `bias`，即 $b$。"))
    monkeypatch.setattr(i18n, "sources", lambda: {"x": None})
    monkeypatch.setattr(i18n, "load", lambda language, domain: po)
    problems = i18n.glossary_problems(LANGUAGE)
    assert len(problems) == 1 and "'bias'" in problems[0] and "偏置" in problems[0]


def test_the_search_dictionary_holds_the_glossary_terms():
    words = [line.split()[0] for line in i18n.jieba_dictionary(LANGUAGE).splitlines()]
    assert {"梯度下降", "交叉熵", "决策边界", "反向传播", "学习率"} <= set(words)


def test_figure_and_test_messages_are_found_in_the_code():
    code = (
        'ax.set_title("A title")\nax.plot(z, s, label=r"$\\sigma(z)$ (chapter 2)")\nax.set_xlabel("$z$")\n'
        'ax.annotate("saturates", xy=(0, 1))\nax.text(1, 2, "a note", ha="center")\n'
    )
    assert i18n.figure_messages(code) == ["A title", "$\\sigma(z)$ (chapter 2)", "saturates", "a note"]
    test = 'raise CheckFailed(f"f returned {out.dtype}, not float")\nexpect_close("f(0)", 1, 2, mistakes={"Wrong sign here.": 3})'
    assert i18n.test_messages(test) == ["f returned {out.dtype}, not float", "Wrong sign here."]


def test_update_changes_nothing_when_the_english_did_not_change(tmp_path, monkeypatch):
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE, locale)
    monkeypatch.setattr(i18n, "LOCALE", locale)
    before = {path.name: path.read_bytes() for path in locale.rglob("*.po")}
    assert i18n.update(LANGUAGE)
    assert {path.name: path.read_bytes() for path in locale.rglob("*.po")} == before
