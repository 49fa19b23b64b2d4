"""Every built page in headless Chromium: typeset math, no console errors, images, downloads, offline, accessible."""

import json
import re

import pytest

from chapterkit.sources import ROOT, chapter_paths, dumps, source_notebook
from chapterkit.student import student_notebook
from tests.browser import ARTIFACTS, WAIT_FOR_MATHJAX, chromium, pages, serve

pytestmark = pytest.mark.slow

PAGE_REPORT = """
const math = Array.from(document.querySelectorAll("div.math, span.math"));
return {
  math: math.length,
  untypeset: math.filter((m) => !m.querySelector("mjx-container")).map((m) => m.textContent.slice(0, 80)),
  merrors: Array.from(document.querySelectorAll("mjx-merror, [data-mjx-error]")).map((e) => e.textContent.slice(0, 80)),
  rawDollars: document.body.innerText.includes("$$"),
  images: Array.from(document.images).map((i) => ({src: i.src, ok: i.complete && i.naturalWidth > 0, alt: i.getAttribute("alt")})),
  downloads: Array.from(document.querySelectorAll("a[href$='.ipynb']")).map((a) => a.href).filter((h) => h.includes("_sources")),
  icon: (document.querySelector("link[rel~='icon']") || {}).href || null,
};
"""

# axe-core's own file, installed from the npm registry by `make test` (pinned in tools/node/).
AXE = ROOT / "_build" / "node" / "node_modules" / "axe-core"
AXE_PIN = json.loads((ROOT / "tools" / "node" / "package.json").read_text())["dependencies"]["axe-core"]
AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ["violations"]}).then(
  (result) => done(result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }))),
  (error) => done("axe failed: " + error),
);
"""
# The alt that myst-nb writes for a figure given none: the image file's own path.
FILE_NAME_ALT = re.compile(r"\.(png|jpe?g|gif|svg|webp)$", re.IGNORECASE)

FETCH_TEXT = """
const done = arguments[arguments.length - 1];
fetch(arguments[0]).then((r) => r.text()).then(done, (e) => done("fetch failed: " + e));
"""

FETCH_STATUS = """
const done = arguments[arguments.length - 1];
fetch(arguments[0]).then((r) => done(r.status), (e) => done("fetch failed: " + e));
"""


@pytest.fixture(scope="module")
def browser():
    with chromium() as driver:
        yield driver


@pytest.fixture(scope="module")
def axe_source():
    installed = AXE / "package.json"
    if not installed.exists() or json.loads(installed.read_text())["version"] != AXE_PIN:
        pytest.fail(
            f"axe-core {AXE_PIN} is not installed in {AXE.parent}: `make test` (or `make {(AXE / 'axe.min.js').relative_to(ROOT)}`) installs it"
        )
    return (AXE / "axe.min.js").read_text()


@pytest.fixture(scope="module")
def student_site(built_book):
    with serve(built_book["student"]) as url:
        yield url


@pytest.fixture(scope="module")
def instructor_site(built_book):
    with serve(built_book["instructor"]) as url:
        yield url


def visit(browser, url, axe=None):
    """Load url, wait for MathJax and report; with axe (axe-core's source), also its violations."""
    browser.get_log("browser")  # drop what the previous page logged
    # Kept: a request the previous page made after its report (a favicon, say) counts here.
    late = _requested_urls(browser.get_log("performance"))
    browser.get(url)
    status = browser.execute_async_script(WAIT_FOR_MATHJAX)
    report = browser.execute_script(PAGE_REPORT)
    report["mathjax"] = status
    report["icon status"] = report["icon"] and browser.execute_async_script(FETCH_STATUS, report["icon"])
    report["console"] = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    report["requests"] = _requested_urls(browser.get_log("performance"))
    report["late requests"] = late
    if axe is not None:
        # Injected as text, after the page's own logs are read: the page never asks a server for it.
        browser.execute_script(axe)
        report["axe"] = browser.execute_async_script(AXE_RUN)
    return report


def _requested_urls(performance_log):
    urls = []
    for entry in performance_log:
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def page_failures(browser, folder_url, site_url, listed, axe_source):
    """{page: its problems} for every page of ``listed`` under ``folder_url`` that has any."""
    failures = {}
    for page in listed:
        report = visit(browser, f"{folder_url}/{page}", axe_source)
        problems = check_page(report, site_url)
        if page.startswith("chapters/") and not report["math"]:
            problems.append("a chapter without equations: is MathJax rendering anything?")
        if problems:
            failures[page] = problems
    return failures


def check_page(report, base):
    problems = []
    if report["math"] and report["mathjax"] != "typeset":
        problems.append(f"MathJax: {report['mathjax']}")
    if report["untypeset"]:
        problems.append(f"equations not typeset: {report['untypeset'][:3]}")
    if report["merrors"]:
        problems.append(f"MathJax errors: {report['merrors'][:3]}")
    if report["rawDollars"]:
        problems.append("raw $$ left in the page")
    if report["console"]:
        problems.append(f"console errors: {report['console'][:3]}")
    broken = [image["src"] for image in report["images"] if not image["ok"]]
    if broken:
        problems.append(f"images that did not load: {broken[:3]}")
    # axe accepts any alt, and alt="" for decoration; a figure needs words.
    figures = [image for image in report["images"] if "/_images/" in image["src"]]
    unnamed = [
        image["src"] for image in figures if not (image["alt"] or "").strip() or FILE_NAME_ALT.search(image["alt"])
    ]
    if unnamed:
        problems.append(f"figures without alt text that says what they show: {unnamed[:3]}")
    if "axe" in report:
        problems.extend(_serious_violations(report["axe"]))
    # A page that declares no icon makes the browser ask /favicon.ico, which the site has not: a 404
    # in the console, or not, depending on when the request comes.
    if not report["icon"]:
        problems.append("declares no icon (the browser asks /favicon.ico)")
    elif report["icon status"] != 200:
        problems.append(f"icon {report['icon']}: {report['icon status']}")
    if any(u.split("?")[0].endswith("/favicon.ico") for u in report["requests"] + report["late requests"]):
        problems.append("the browser asked /favicon.ico (this page or the one before declares no icon)")
    outside = [u for u in report["requests"] if not u.startswith((base, "data:", "blob:", "chrome:"))]
    # A request the page before made late came from that page's own site, served on loopback too.
    outside += [
        u for u in report["late requests"] if not u.startswith(("http://127.0.0.1:", "data:", "blob:", "chrome:"))
    ]
    if outside:
        problems.append(f"requests that leave the site (it must work offline): {outside[:3]}")
    return problems


def _serious_violations(violations):
    if isinstance(violations, str):
        return [violations]
    return [
        f"accessibility: {v['id']} ({v['impact']}, {v['count']} elements: {v['help']}) at {v['targets']}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def test_student_pages_render_offline_with_typeset_math(built_book, student_site, browser, axe_source):
    html = built_book["student"]
    failures = page_failures(browser, student_site, student_site, pages(html), axe_source)
    assert not failures, json.dumps(failures, indent=1)


def test_instructor_pages_render_offline_with_typeset_math(built_book, instructor_site, browser, axe_source):
    failures = {}
    for page in pages(built_book["instructor"]):
        problems = check_page(visit(browser, f"{instructor_site}/{page}", axe_source), instructor_site)
        if problems:
            failures[page] = problems
    assert not failures, json.dumps(failures, indent=1)


@pytest.mark.parametrize("chapter", chapter_paths(), ids=lambda p: p.stem)
def test_the_download_link_returns_the_student_notebook(student_site, browser, chapter):
    report = visit(browser, f"{student_site}/chapters/{chapter.stem}.html")
    assert len(report["downloads"]) == 1, report["downloads"]
    served = browser.execute_async_script(FETCH_TEXT, report["downloads"][0])
    assert served == dumps(student_notebook(source_notebook(chapter)))


def test_a_screenshot_of_chapter_4_is_kept(student_site, browser):
    chapter = next((p for p in chapter_paths() if p.name.startswith("04_")), None)
    if chapter is None:
        pytest.fail("chapter 4 is missing")
    visit(browser, f"{student_site}/chapters/{chapter.stem}.html")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / "chapter-04.png"
    browser.save_screenshot(str(target))
    assert target.stat().st_size > 10_000


def test_the_checks_catch_a_broken_page(tmp_path, browser, axe_source):
    # The negative control: a page with a MathJax error, a console error, a broken image, a CDN script,
    # no icon, an image named by its file, and a button with no name (a critical violation for axe).
    (tmp_path / "bad.html").write_text(
        "<html><body><p>$$x$$</p><img src='missing.png'><img src='_images/x.png' alt='../_images/x.png'><button></button>"
        "<script>console.error('boom')</script>"
        "<script src='https://cdn.example.invalid/x.js'></script></body></html>"
    )
    (tmp_path / "broken-icon.html").write_text(
        "<html><head><link rel='icon' href='missing.svg'></head><body></body></html>"
    )
    with serve(tmp_path) as base:
        problems = check_page(visit(browser, f"{base}/bad.html", axe_source), base)
        icon_problems = check_page(visit(browser, f"{base}/broken-icon.html"), base)
    text = " ".join(problems)
    assert (
        "raw $$" in text
        and "console errors" in text
        and "images that did not load" in text
        and "leave the site" in text
    )
    assert "figures without alt text" in text and "accessibility: button-name (critical" in text
    assert "declares no icon" in text
    assert any(p.endswith("missing.svg: 404") for p in icon_problems), icon_problems
