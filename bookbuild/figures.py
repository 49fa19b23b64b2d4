"""How large a figure's text is: measured when matplotlib draws it, written into the PNG.

The book build loads this module into its kernels as an IPython extension (see
``kernel_config``). Each PNG a figure is saved to then carries a ``tEXt`` chunk,
``course-figure-text``, with the smallest font drawn in it, in pixels of the
image, and the image's width in pixels. The browser tests read it back
(``read_text_size``) and scale it by the width the page displays the image at,
so they know how large the figure's smallest text is on the reader's screen.

Only text that is drawn counts: a tick label outside the axes' limits, an
invisible or empty text, an axes turned off are not. A text's size is its font
size: the sub- and superscripts of mathtext in it (a log axis's exponents) are
drawn smaller, at 70 % of it, and are not measured apart.
"""

import json
import struct
import zlib
from pathlib import Path

KEY = "course-figure-text"

_drawn = []  # (font size in pixels, text) of each text drawn while a figure is being saved


def load_ipython_extension(ipython=None):
    install()


def install():
    """Wrap matplotlib's text drawing and figure saving (once)."""
    from matplotlib.backend_bases import FigureCanvasBase
    from matplotlib.text import Text

    if getattr(FigureCanvasBase.print_figure, "_course_measured", False):
        return
    draw, print_figure = Text.draw, FigureCanvasBase.print_figure

    def measured_draw(self, renderer):
        if renderer is not None and self.get_visible() and self.get_text().strip():
            _drawn.append((renderer.points_to_pixels(self.get_fontsize()), self.get_text()))
        return draw(self, renderer)

    def measured_print_figure(self, filename, *args, **kwargs):
        start = len(_drawn)
        result = print_figure(self, filename, *args, **kwargs)
        drawn = _drawn[start:]
        del _drawn[start:]
        if hasattr(filename, "getvalue") and hasattr(filename, "seek"):
            _tag_png(filename, drawn)
        return result

    measured_print_figure._course_measured = True
    Text.draw, FigureCanvasBase.print_figure = measured_draw, measured_print_figure


def _tag_png(buffer, drawn):
    data = buffer.getvalue()
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return
    width, height = struct.unpack(">II", data[16:24])
    smallest = min(drawn, default=None)
    record = {
        "width": width,
        "height": height,
        "smallest_px": None if smallest is None else round(smallest[0], 2),
        "smallest_text": None if smallest is None else smallest[1][:60],
        "texts": len(drawn),
    }
    chunk = b"tEXt" + KEY.encode("latin-1") + b"\0" + json.dumps(record).encode("latin-1", "replace")
    end = data.rindex(b"IEND") - 4  # before the IEND chunk's length
    tagged = data[:end] + struct.pack(">I", len(chunk) - 4) + chunk + struct.pack(">I", zlib.crc32(chunk)) + data[end:]
    buffer.seek(0)
    buffer.truncate()
    buffer.write(tagged)


def read_text_size(path):
    """The record ``install`` wrote into a PNG, as a dict; None if it has none."""
    data = Path(path).read_bytes()
    position = 8
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        if kind == b"tEXt" and body.startswith(KEY.encode("latin-1") + b"\0"):
            return json.loads(body[len(KEY) + 1 :].decode("latin-1"))
        position += 12 + length
    return None


def kernel_config():
    """The lines of an ``ipython_kernel_config.py`` that load this module into a kernel."""
    return f"c.InteractiveShellApp.extensions = [{__name__!r}]\n"
