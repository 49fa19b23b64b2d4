"""Figure text is legible at the size the page shows it, on a 1280 px desktop and a 390 px phone.

The build's kernels write into each figure's PNG the size of the smallest text matplotlib drew
in it, in pixels of the image (bookbuild/figures.py). Here every page of both editions is opened
at both widths, and each figure's smallest text is scaled by the width the page displays the image
at over its natural width: that is its size on the reader's screen, in CSS px.

Thresholds:

* 1280 px: 9 CSS px, a little under the 10 pt (13.3 px) of matplotlib's default tick labels
  shown at natural size, and above what a three- or four-panel row squeezed into the
  ~730 px column gives (about 8 px).
* 390 px: 7 CSS px. A phone shows a figure at about half its desktop size. 7 CSS px is
  21 device pixels on a 3x screen, which is readable at the distance a phone is held. The page
  must also allow pinch zoom (checked here too), so a closer look is one gesture away.
  Figures reach 7 px by being at most about 7 inches wide and using matplotlib's default
  sizes or larger, with panels stacked in rows rather than side by side.
"""

import io
import json
import subprocess
import sys
from urllib.parse import unquote, urlparse

import pytest

from bookbuild.editions import EDITIONS
from bookbuild.figures import read_text_size
from tests.browser import ARTIFACTS, WAIT_FOR_MATHJAX, chromium, pages, serve

pytestmark = pytest.mark.slow
PHONE, DESKTOP = 390, 1280
SMALLEST_TEXT = {DESKTOP: 9.0, PHONE: 7.0}  # CSS px

FIGURES = """
const done = arguments[arguments.length - 1];
const images = Array.from(document.querySelectorAll(".bd-article img"));
Promise.all(images.map((i) => i.complete ? null : new Promise((r) => { i.onload = i.onerror = r; }))).then(() => {
  const viewport = (document.querySelector("meta[name='viewport']") || {}).content || "";
  done({
    viewport: viewport,
    images: images.map((i) => ({
      src: i.src,
      output: !!i.closest(".cell_output"),
      natural: i.naturalWidth,
      shown: i.getBoundingClientRect().width,
    })),
  });
});
"""


# The instructor edition shows the student edition's figures in the same column (its solutions
# fold into toggles): test_the_instructor_edition_draws_the_student_editions_figures checks that
# they are the same images, so measuring them again in a browser would only cost time.
MEASURED = [e for e in EDITIONS if e != "instructor"]


@pytest.fixture(
    scope="module", params=[(e, w) for e in MEASURED for w in (DESKTOP, PHONE)], ids=lambda p: f"{p[0]}-{p[1]}px"
)
def screen(request, built_book):
    edition, width = request.param
    with serve(built_book[edition]) as url, chromium() as driver:
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": width == PHONE},
        )
        yield driver, url, width, built_book[edition], edition


def measure(driver, url, html):
    """Each image on the page at ``url``: its record, natural and displayed width, and text size on screen."""
    driver.get(url)
    driver.execute_async_script(WAIT_FOR_MATHJAX)
    report = driver.execute_async_script(FIGURES)
    for image in report["images"]:
        path = html / unquote(urlparse(image["src"]).path).lstrip("/")
        image["file"] = path.name
        image["record"] = read_text_size(path) if path.suffix == ".png" and path.exists() else None
        smallest = image["record"] and image["record"]["smallest_px"]
        image["on screen"] = smallest and image["natural"] and round(smallest * image["shown"] / image["natural"], 2)
    return report


def zoomable(viewport):
    """Whether a viewport meta tag lets the reader pinch to zoom (to at least twice the size)."""
    settings = dict((part.split("=", 1) + [""])[:2] for part in viewport.replace(" ", "").lower().split(",") if part)
    if settings.get("user-scalable") in ("no", "0"):
        return False
    try:
        return float(settings.get("maximum-scale", "10")) >= 2
    except ValueError:
        return True


def problems(report, width):
    found = []
    if width == PHONE and not zoomable(report["viewport"]):
        found.append(f"the page forbids zooming: {report['viewport']!r}")
    for image in report["images"]:
        if image["output"] and image["record"] is None:
            found.append(f"{image['file']}: a figure without its text-size record (was bookbuild.figures loaded?)")
        elif image["on screen"] and image["on screen"] < SMALLEST_TEXT[width]:
            record = image["record"]
            found.append(
                f"{image['file']}: smallest text {image['on screen']} px on screen < {SMALLEST_TEXT[width]} px"
                f" ({record['smallest_px']} px {record['smallest_text']!r} in a {record['width']} px image shown"
                f" {image['shown']:.0f} px wide)"
            )
    return found


def test_figure_text_is_legible_on_every_page(screen):
    driver, url, width, html, edition = screen
    failures, sizes = {}, {}
    for page in pages(html):
        report = measure(driver, f"{url}/{page}", html)
        sizes.update({f"{page} {i['file']}": i["on screen"] for i in report["images"] if i["record"]})
        found = problems(report, width)
        if found:
            failures[page] = found
    # Each figure's smallest text on screen, kept for the record.
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"figure-text-{edition}-{width}px.json").write_text(json.dumps(sizes, indent=1))
    assert sizes, "no figure carried a text-size record"
    assert not failures, json.dumps(failures, indent=1)


# The negative control: a row of four panels, as chapter 7 once drew its four learning rates, fails at both
# widths; the same panels in a two-by-two grid of a narrower figure pass.
DRAW = """
import io, sys
from bookbuild.figures import install
install()
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
rows, cols, width, height = map(float, sys.argv[2:6])
fig, axes = plt.subplots(int(rows), int(cols), figsize=(width, height))
for ax in axes.flat:
    ax.plot([0, 1], [0, 1], label="a line")
    ax.set_title("a panel")
    ax.set_xlabel("x")
    ax.legend()
fig.tight_layout()
buffer = io.BytesIO()
fig.savefig(buffer, format="png", bbox_inches="tight")
open(sys.argv[1], "wb").write(buffer.getvalue())
"""


def test_the_instructor_edition_draws_the_student_editions_figures(built_book):
    """The same figures by what the legibility test measures: size and smallest text (pixels may differ in noise)."""

    def figures(edition):
        records = [read_text_size(p) for p in sorted((built_book[edition] / "_images").glob("*.png"))]
        return sorted(json.dumps(r, sort_keys=True) for r in records if r is not None)

    student = figures("student")
    assert student and figures("instructor") == student


@pytest.mark.parametrize("width", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_the_check_catches_a_row_of_small_panels(tmp_path, width):
    for name, shape in [("row", (1, 4, 12, 3)), ("grid", (2, 2, 6.4, 5))]:
        subprocess.run([sys.executable, "-c", DRAW, str(tmp_path / f"{name}.png"), *map(str, shape)], check=True)
    (tmp_path / "page.html").write_text(
        "<html><head><meta name='viewport' content='width=device-width, initial-scale=1'></head><body>"
        "<div class='bd-article' style='max-width: 730px'>"
        "<div class='cell_output'><img src='row.png' alt='a row' style='max-width: 100%'></div>"
        "<div class='cell_output'><img src='grid.png' alt='a grid' style='max-width: 100%'></div>"
        "<div class='cell_output'><img src='untagged.png' alt='untagged' style='max-width: 100%'></div>"
        "</div></body></html>"
    )
    (tmp_path / "untagged.png").write_bytes(_untagged_png(tmp_path / "grid.png"))
    with serve(tmp_path) as url, chromium() as driver:
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": width == PHONE},
        )
        found = problems(measure(driver, f"{url}/page.html", tmp_path), width)
    assert any(p.startswith("row.png: smallest text") for p in found), found
    assert not any(p.startswith("grid.png") for p in found), found
    assert any(p.startswith("untagged.png: a figure without") for p in found), found


def test_a_page_that_forbids_zooming_is_caught():
    assert zoomable("width=device-width, initial-scale=1")
    assert not zoomable("width=device-width, initial-scale=1, user-scalable=no")
    assert not zoomable("width=device-width, maximum-scale=1.0")
    assert zoomable("width=device-width, maximum-scale=5")


def _untagged_png(path):
    from PIL import Image

    with Image.open(path) as image:
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()
