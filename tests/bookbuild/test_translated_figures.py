"""A translated edition's figures: texts through the catalog, a CJK font, and a missing glyph an error."""

import subprocess
import sys

import pytest

from bookbuild import translated_figures as figures
from chapterkit import i18n

SCRIPT = """
import io, sys, warnings
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from bookbuild.translated_figures import install
install({catalog!r})
fig, ax = plt.subplots()
ax.set_title({title!r})
ax.plot([0, 1], [0, 1], label="squared error")
ax.legend()
fig.canvas.print_figure(io.BytesIO(), format="png")
print("|".join(t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text()))
"""


def _draw(title, catalog):
    # A kernel of its own: install() changes matplotlib's settings and warning filters for good.
    return subprocess.run(
        [sys.executable, "-c", SCRIPT.format(catalog=catalog, title=title)], capture_output=True, text=True, check=False
    )


def test_a_figure_is_drawn_in_chinese_from_the_catalog():
    catalog = i18n.figure_catalog("zh_CN")
    done = _draw("Loss of a positive example ($y = 1$)", catalog)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no warning: every glyph is in Noto Sans CJK SC or DejaVu Sans
    texts = done.stdout.strip().split("|")
    assert "正样本（$y = 1$）的损失" in texts and "平方误差" in texts


def test_a_missing_glyph_is_an_error():
    done = _draw("\N{LINEAR B SYLLABLE B008 A}", {})  # a script none of the fonts has
    assert done.returncode != 0
    assert "missing from font" in done.stderr


def test_every_figure_text_of_a_translated_chapter_has_its_translation():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    catalog = i18n.figure_catalog("zh_CN")
    fig, ax = plt.subplots()
    ax.set_title("The sigmoid squashes the real line into (0, 1)")
    ax.set_xlabel("not in any catalog")
    assert figures.translate_figure(fig, catalog) == 1
    assert ax.get_title() == "sigmoid 函数把实数轴压缩到 (0, 1) 内"
    plt.close(fig)


def test_a_figure_text_drawn_from_an_f_string_is_translated_by_its_template():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    catalog = i18n.figure_catalog("zh_CN")
    assert "tangent, slope {true_slope}" in catalog  # chapter 6 draws it with the slope's value
    fig, ax = plt.subplots()
    ax.set_title("tangent, slope 0.19661")
    assert figures.translate_figure(fig, catalog) == 0
    assert ax.get_title() == catalog["tangent, slope {true_slope}"].replace("{true_slope}", "0.19661")
    plt.close(fig)


@pytest.mark.parametrize(
    "domain", sorted(d for d in i18n.sources() if d[:2].isdigit() and i18n.catalog_path("zh_CN", d).exists())
)
def test_the_catalog_has_every_text_a_figure_draws(domain):
    path = i18n.sources()[domain]
    found = [m for c, m, _ in i18n.page_messages(path.read_text(encoding="utf-8")) if c == "figure"]
    assert found and set(found) <= set(i18n.figure_catalog("zh_CN"))


@pytest.mark.slow
@pytest.mark.parametrize("title, builds", [("中文标题", True), ("\N{LINEAR B SYLLABLE B008 A}", False)])
def test_a_missing_glyph_fails_the_strict_build(tmp_path, title, builds):
    from bookbuild.strict import BuildFailed, build
    from tests.bookbuild.test_book_build import make_book

    code = (
        f"from bookbuild.translated_figures import install\ninstall({{'A title': {title!r}}})\n"
        "import matplotlib.pyplot as plt\nplt.title('A title')\nplt.show()"
    )
    if builds:
        build(make_book(tmp_path, code), tmp_path / "out")
    else:
        with pytest.raises(BuildFailed, match="output is an error"):
            build(make_book(tmp_path, code), tmp_path / "out")
