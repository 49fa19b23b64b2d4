"""python -m bookbuild.publish DIR: the content of the branch the launch buttons open.

Binder, Colab and JupyterHub open ``<repository>/blob/<branch>/<path_to_book>/chapters/<chapter>.ipynb``
(``_config.yml``). This writes, under DIR, the student notebooks at those paths
(the same bytes as the book's download and nbgrader's release) and the
``requirements.txt`` Binder installs: numpy, matplotlib and scikit-learn at the
course's pins. Commit DIR's content to ``repository.branch`` (README).
A translated edition's notebooks go under its own ``path_to_book``
(``_config.zh.yml``: ``zh/chapters/<chapter>.ipynb``), where its pages' buttons open them.
"""

import argparse
import re
import sys
import tempfile
from pathlib import Path

import yaml

from chapterkit import i18n
from chapterkit.sources import ROOT, chapter_paths, dumps, source_notebook, write_if_changed
from chapterkit.student import student_notebook

from .editions import LANGUAGES, _config

STUDENT_PACKAGES = ("numpy", "matplotlib", "scikit-learn")


def student_requirements():
    pins = dict(
        re.findall(r"^([\w.-]+)==(\S+)$", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.MULTILINE)
    )
    return "".join(f"{name}=={pins[name]}\n" for name in STUDENT_PACKAGES)


def publish(target):
    """Write the launch branch's files under ``target``; return their paths."""
    target = Path(target)
    book = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"].get("path_to_book") or ""
    written = []
    for path in chapter_paths():
        notebook = target / book / "chapters" / f"{path.stem}.ipynb"
        write_if_changed(notebook, dumps(student_notebook(source_notebook(path))))
        written.append(notebook)
    for edition, language in LANGUAGES.items():
        book = _config(edition)["repository"].get("path_to_book") or edition
        listed = i18n.translated_pages(language)
        with tempfile.TemporaryDirectory() as folder:
            i18n.generate(language, folder)
            for path in chapter_paths():
                if path.stem in listed:
                    notebook = target / book / "chapters" / f"{path.stem}.ipynb"
                    chapter = Path(folder) / "chapters" / path.name
                    write_if_changed(notebook, dumps(student_notebook(source_notebook(chapter))))
                    written.append(notebook)
    write_if_changed(target / "requirements.txt", student_requirements())
    return [*written, target / "requirements.txt"]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bookbuild.publish", description=__doc__)
    parser.add_argument("target", type=Path, help="a checkout of the launch branch (or an empty folder)")
    for path in publish(parser.parse_args(argv).target):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
