"""The table of contents and the pages the build copies."""

import yaml

from bookbuild.editions import PAGES, toc_files
from chapterkit.sources import ROOT, chapter_paths


def test_the_table_of_contents_lists_every_chapter_once():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    listed = [file for file in toc_files(toc) if file.startswith("chapters/")]
    assert listed == [f"chapters/{path.stem}" for path in chapter_paths()]
    # Every other page (the appendices) is one the build copies, and exists.
    others = [file for file in toc_files(toc) if not file.startswith("chapters/")]
    assert all(f"{file}.md" in PAGES and (ROOT / f"{file}.md").is_file() for file in others)
