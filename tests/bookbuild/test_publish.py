"""The launch buttons' branch: the student notebooks where the buttons open them, and Binder's requirements."""

import re

import nbformat

from bookbuild.publish import publish
from chapterkit.sources import ROOT, chapter_paths, dumps, source_notebook
from chapterkit.student import student_notebook


def test_publish_writes_the_release_notebooks_and_the_pinned_student_packages(tmp_path):
    written = publish(tmp_path)
    for chapter in chapter_paths():
        notebook = tmp_path / "chapters" / f"{chapter.stem}.ipynb"
        assert notebook in written and notebook.read_text() == dumps(student_notebook(source_notebook(chapter)))
    pins = dict(re.findall(r"^([\w.-]+)==(\S+)$", (ROOT / "requirements.txt").read_text(), re.MULTILINE))
    assert (tmp_path / "requirements.txt").read_text().split() == [
        f"{name}=={pins[name]}" for name in ("numpy", "matplotlib", "scikit-learn")
    ]


def test_publish_writes_the_chinese_notebooks_where_the_chinese_pages_open_them(tmp_path):
    from bookbuild.editions import _config
    from chapterkit import i18n

    written = publish(tmp_path)
    book = _config("zh")["repository"]["path_to_book"]
    chinese = sorted(p for p in written if p.is_relative_to(tmp_path / book))
    assert [p.stem for p in chinese] == [p.stem for p in chapter_paths() if p.stem in i18n.translated_pages("zh_CN")]
    for path in chinese:
        notebook = nbformat.reads(path.read_text(), as_version=4)
        assert notebook.metadata["course"]["language"] == "zh_CN"
