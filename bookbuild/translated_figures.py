"""Figures in a translated edition: their texts through the catalog, in a font that has every glyph.

A figure cell is code, copied byte for byte into the translated chapter, so
its titles, axis labels, legend entries and annotations are translated as the
figure is saved: the build's kernel runs :func:`install` at start-up (an IPython
startup file), which hooks matplotlib's ``print_figure``. The font is Noto Sans
CJK SC (Debian's ``fonts-noto-cjk``) with DejaVu Sans after it; a glyph that no
font has is an error, never a silent box.
"""

import warnings

from chapterkit.testkit import _translate

FONT = "Noto Sans CJK SC"
FONT_FILE = "NotoSansCJK-Regular.ttc"  # fonts-noto-cjk's collection that holds the SC face
GLYPH_MISSING = r"Glyph .* missing from"


class FontMissing(RuntimeError):
    pass


def startup_file(catalog):
    """The text of an IPython startup file that installs ``catalog`` in the kernel."""
    return (
        "# Book build only (translated edition): figure texts through the catalog, in a CJK font.\n"
        f"from bookbuild.translated_figures import install\n\ninstall({catalog!r})\n"
    )


def _ensure_font():
    from matplotlib import font_manager

    if any(font.name == FONT for font in font_manager.fontManager.ttflist):
        return
    for path in font_manager.findSystemFonts():
        if path.endswith(FONT_FILE):
            font_manager.fontManager.addfont(path)
    if not any(font.name == FONT for font in font_manager.fontManager.ttflist):
        raise FontMissing(f"the font {FONT!r} is not installed (Debian: fonts-noto-cjk; make book-zh installs it)")


def translate_figure(figure, catalog):
    """Replace every text of ``figure`` that the catalog translates; return how many were not."""
    from matplotlib.text import Text

    untranslated = 0
    for text in figure.findobj(Text):
        english = text.get_text()
        # A text drawn from an f-string carries its numbers: the catalog has it as a {placeholder} template.
        chinese = _translate(english, catalog) if english else None
        if chinese is not None:
            text.set_text(chinese)
        elif any(c.isalpha() for c in english.replace("$", "")) and not english.startswith("$"):
            untranslated += 1
    return untranslated


def install(catalog):
    """Set the CJK font, make a missing glyph an error, and translate every figure as it is saved."""
    import matplotlib
    from matplotlib.backend_bases import FigureCanvasBase

    _ensure_font()
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [FONT, "DejaVu Sans"]
    warnings.filterwarnings("error", message=GLYPH_MISSING)
    original = FigureCanvasBase.print_figure
    if getattr(original, "translates", False):
        return

    def print_figure(self, *args, **kwargs):
        translate_figure(self.figure, catalog)
        return original(self, *args, **kwargs)

    print_figure.translates = True
    FigureCanvasBase.print_figure = print_figure
