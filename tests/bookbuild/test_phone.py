"""The book on a 390 px phone and a 1280 px desktop, in Debian's chromium.

The sidebar toggles open and close the chapter list and the contents, nothing
is clipped, one top bar, the colour button reaches dark in one click, and
search snippets show no LaTeX source (fixes in bookbuild/static/course-theme.*).
"""

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from chapterkit.sources import chapter_paths
from tests.browser import ARTIFACTS, WAIT_FOR_MATHJAX, chromium, pages

pytestmark = pytest.mark.slow
PHONE, DESKTOP = 390, 1280

# Elements that stick out of the viewport and sit in no scrolling block: content the reader cannot reach.
CLIPPED = """
const width = document.documentElement.clientWidth;
const scrolls = (e) => { for (; e; e = e.parentElement) {
  const o = getComputedStyle(e).overflowX;
  if ((o === "auto" || o === "scroll") && e.getBoundingClientRect().right <= width + 1) return true; } return false; };
const out = [];
for (const e of document.querySelectorAll(".bd-main *")) {
  const r = e.getBoundingClientRect();
  if (r.width && r.height && r.right > width + 1 && getComputedStyle(e).visibility !== "hidden" && !scrolls(e))
    out.push(e.tagName + "." + e.className + ": " + (e.textContent || "").slice(0, 40));
}
// On a desktop a display equation fits its column: one that scrolls hides part of itself.
const scrolling = arguments[0] ? [] : Array.from(document.querySelectorAll('mjx-container[display="true"]'))
  .filter((m) => m.scrollWidth > m.clientWidth + 1)
  .map((m) => (m.closest("div.math") || m).id + ": " + (m.scrollWidth - m.clientWidth) + " px hidden");
return {pageWider: document.documentElement.scrollWidth > width + 1, clipped: out.slice(0, 5), scrolling: scrolling};
"""


@pytest.fixture(scope="module", params=[PHONE, DESKTOP], ids=["390px", "1280px"])
def screen(request, built_book):
    from tests.browser import serve

    with serve(built_book["student"]) as url, chromium() as driver:
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": request.param, "height": 844, "deviceScaleFactor": 1, "mobile": request.param == PHONE},
        )
        yield driver, url, request.param, built_book["student"]


def open_page(driver, url):
    """The page as a first visit shows it: no theme or sidebar state kept from another test."""
    driver.get(url)
    driver.execute_script("localStorage.clear()")
    load(driver, url)


def load(driver, url):
    driver.get(url)
    driver.execute_async_script(WAIT_FOR_MATHJAX)


def visible(driver, selector):
    return [e for e in driver.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]


def chapter_url(url, number):
    return f"{url}/chapters/{chapter_paths()[number - 1].stem}.html"


def test_the_sidebar_toggles_open_and_close(screen):
    driver, url, width, _ = screen
    open_page(driver, chapter_url(url, 5))
    for toggle, modal, sidebar in [
        (".primary-toggle", "#pst-primary-sidebar-modal", "#pst-primary-sidebar"),
        (".secondary-toggle", "#pst-secondary-sidebar-modal", "#pst-secondary-sidebar"),
    ]:
        if width == DESKTOP and toggle == ".secondary-toggle":  # the contents are on the page already
            continue
        buttons = visible(driver, toggle)
        assert len(buttons) == 1, f"{len(buttons)} visible {toggle} buttons"
        if width == DESKTOP:  # on a desktop it folds and unfolds the sidebar
            buttons[0].click()
            assert "pst-sidebar-hidden" in driver.find_element(By.CSS_SELECTOR, sidebar).get_attribute("class")
            buttons[0].click()
            assert "pst-sidebar-hidden" not in driver.find_element(By.CSS_SELECTOR, sidebar).get_attribute("class")
            continue
        buttons[0].click()
        WebDriverWait(driver, 5).until(
            lambda d, modal=modal: d.execute_script(f"return document.querySelector('{modal}').open")
        )
        links = [a for a in driver.find_elements(By.CSS_SELECTOR, f"{modal} a") if a.is_displayed()]
        assert links, f"{modal} opened empty"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / f"phone-{toggle.strip('.')}.png"))
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()  # to the open dialog, which has the focus
        WebDriverWait(driver, 5).until(
            lambda d, modal=modal: not d.execute_script(f"return document.querySelector('{modal}').open")
        )


def test_one_top_bar_and_one_search_button(screen):
    driver, url, _, _ = screen
    open_page(driver, chapter_url(url, 3))
    assert not visible(driver, "#pst-header")
    assert len(visible(driver, ".search-button, .search-button__button")) == 1


def test_the_colour_button_reaches_dark_in_one_click(screen):
    driver, url, _, _ = screen
    open_page(driver, chapter_url(url, 1))
    assert driver.execute_script("return document.documentElement.dataset.theme") == "light"
    visible(driver, ".theme-switch-button")[0].click()
    assert driver.execute_script("return document.documentElement.dataset.theme") == "dark"


def test_nothing_on_any_page_is_clipped(screen):
    driver, url, width, html = screen
    problems = {}
    open_page(driver, url)  # once: what the theme keeps between pages does not clip anything
    for page in pages(html):
        load(driver, f"{url}/{page}")
        report = driver.execute_script(CLIPPED, width == PHONE)
        if report["pageWider"] or report["clipped"] or report["scrolling"]:
            problems[page] = report
    if width == PHONE:
        open_page(driver, chapter_url(url, 5))
        driver.save_screenshot(str(ARTIFACTS / "phone-chapter-05.png"))
    assert not problems, problems


def test_search_snippets_show_no_latex_source(screen):
    driver, url, _, _ = screen
    driver.get(f"{url}/search.html?q=sigmoid")
    WebDriverWait(driver, 30).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "#search-results li p.context")) >= 3
    )
    snippets = [p.text for p in driver.find_elements(By.CSS_SELECTOR, "#search-results li p.context")]
    raw = [s for s in snippets if "\\(" in s or "\\)" in s or "\\frac" in s or "\\sigma" in s]
    assert not raw, raw[:3]
