"""bookbuild.figures: a saved figure's PNG records the smallest text drawn in it, in pixels."""

import json
import subprocess
import sys

from bookbuild.figures import read_text_size

# Drawn in a fresh interpreter: the hook patches matplotlib for the whole process.
DRAW = """
import io, sys
from bookbuild.figures import install
install()
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
fig, (left, right) = plt.subplots(1, 2, figsize=(4, 2), dpi=float(sys.argv[2]))
left.plot([0, 1], [0, 1])
left.set_title("tiny", fontsize=6)
left.text(0.1, 0.8, "a small note", fontsize=4)
left.text(0.5, 0.5, "", fontsize=3)  # empty: draws nothing
hidden = left.text(0.5, 0.5, "hidden", fontsize=2)
hidden.set_visible(False)
right.imshow([[0, 1], [1, 0]])
right.axis("off")  # its tick labels are not drawn
buffer = io.BytesIO()
fig.savefig(buffer, format="png", bbox_inches="tight")
open(sys.argv[1], "wb").write(buffer.getvalue())
fig.savefig(sys.argv[1] + ".plain.png")  # to a file name: written as matplotlib writes it
"""


def draw(tmp_path, dpi):
    target = tmp_path / f"figure-{dpi}.png"
    subprocess.run([sys.executable, "-c", DRAW, str(target), str(dpi)], check=True)
    return target


def test_the_smallest_drawn_text_is_recorded_in_pixels_of_the_image(tmp_path):
    from PIL import Image

    target = draw(tmp_path, 100)
    record = read_text_size(target)
    with Image.open(target) as image:
        assert (record["width"], record["height"]) == image.size
        image.load()  # the chunk added before IEND keeps the PNG valid
    # The 4 pt note is the smallest text drawn: the empty and the hidden ones, and the tick labels
    # of the axes turned off, are not drawn.
    assert record["smallest_text"] == "a small note"
    assert abs(record["smallest_px"] - 4 * 100 / 72) < 0.01


def test_the_record_scales_with_the_dpi(tmp_path):
    low, high = read_text_size(draw(tmp_path, 100)), read_text_size(draw(tmp_path, 200))
    assert abs(high["smallest_px"] - 2 * low["smallest_px"]) < 0.01
    assert abs(high["width"] - 2 * low["width"]) <= 2


def test_a_png_without_the_record_reads_as_none(tmp_path):
    target = draw(tmp_path, 100)
    assert read_text_size(f"{target}.plain.png") is None


def test_the_kernel_config_loads_the_extension():
    config = {}

    class Section(dict):
        def __getattr__(self, name):
            return self.setdefault(name, Section())

        __setattr__ = dict.__setitem__

    from bookbuild.figures import kernel_config

    c = Section()
    exec(kernel_config(), {"c": c})
    config = json.loads(json.dumps(c))
    assert config == {"InteractiveShellApp": {"extensions": ["bookbuild.figures"]}}
