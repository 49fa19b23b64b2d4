"""The strict build: warnings are errors, and a notebook that raises fails it."""

import shutil
from pathlib import Path

import pytest

from bookbuild.strict import BuildFailed, build

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow

PAGE = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  name: python3
  display_name: Python 3
---

# A page

```{{code-cell}} ipython3
{code}
```
"""


def make_book(tmp_path, code):
    source = tmp_path / "book"
    source.mkdir()
    config = (ROOT / "_config.yml").read_text().replace("html_static_path", "# html_static_path")
    (source / "_vendor").mkdir()
    shutil.copy(ROOT / "bookbuild" / "favicon.svg", source / "_vendor")
    (source / "_config.yml").write_text(config)
    (source / "_toc.yml").write_text("format: jb-book\nroot: page\n")
    (source / "page.md").write_text(PAGE.format(code=code))
    return source


def test_a_clean_page_builds(tmp_path):
    html = build(make_book(tmp_path, "print(6 * 7)"), tmp_path / "out")
    assert "42" in (html / "page.html").read_text()


@pytest.mark.parametrize(
    "code, after",
    [
        ("raise RuntimeError('boom')", ""),  # a cell that raises
        ("import numpy as np\nnp.exp(np.array([1e3]))", ""),  # a RuntimeWarning on stderr
        ("x = 1", "See {ref}`no-such-label`.\n"),  # a broken reference
    ],
    ids=["raises", "stderr", "broken-reference"],
)
def test_the_build_fails_on(tmp_path, code, after):
    source = make_book(tmp_path, code)
    with (source / "page.md").open("a") as page:
        page.write(after)
    with pytest.raises(BuildFailed):
        build(source, tmp_path / "out")


def test_the_scan_finds_an_error_output_even_if_jupyter_book_exits_0(tmp_path):
    from bookbuild.strict import find_execution_errors

    html = tmp_path / "html"
    html.mkdir()
    (html / "page.html").write_text(
        '<div class="cell_output docutils container"><div class="output traceback highlight-ipythontb">'
    )
    assert find_execution_errors(html) == ["a cell's output is an error: page.html"]
