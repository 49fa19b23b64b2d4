"""The Simplified-Chinese edition in a browser, published beside the English one as the site has them.

Every page passes the student edition's checks (math typeset, no console
error, images, offline, accessible); the language switch leads to the same
page; the download is the Chinese student notebook, graded like the English
one; and search finds the glossary's terms, which jieba splits whole.
"""

import json
import urllib.parse

import nbformat
import pytest

from bookbuild.editions import SITE_FOLDER, site
from chapterkit import i18n
from chapterkit.sources import CHAPTERS, source_notebook
from chapterkit.student import student_notebook
from tests.bookbuild.test_browser import FETCH_TEXT, axe_source, browser, page_failures, visit  # noqa: F401
from tests.browser import ARTIFACTS, pages, serve

pytestmark = pytest.mark.slow

ZH = SITE_FOLDER["zh"]
SEARCHED = ["梯度下降", "交叉熵", "决策边界"]

SEARCH_RESULTS = """
const done = arguments[arguments.length - 1];
const start = Date.now();
(function poll() {
  // Sphinx's search makes an empty summary when a query starts and writes it when the query ends
  // (its pulse is no sign: a pending pulse timer restarts it after the end). It fetches every
  // result page for a snippet, slow on a busy machine: wait up to 50 s (the script limit is 60).
  const summary = document.querySelector("#search-results .search-summary");
  if (summary && summary.textContent.trim() !== "") {
    done(Array.from(document.querySelectorAll("#search-results ul.search li a")).map((a) => a.href));
  } else if (Date.now() - start > 50000) {
    done("search never finished: " + (summary ? summary.textContent : "no summary"));
  } else {
    setTimeout(poll, 100);
  }
})();
"""


@pytest.fixture(scope="module")
def site_url(built_book, tmp_path_factory):
    folder = site(tmp_path_factory.mktemp("site") / "site", built_book["student"], {"zh": built_book["zh"]})
    with serve(folder) as url:
        yield url


def test_every_chinese_page_renders_offline_with_typeset_math(built_book, site_url, browser, axe_source):  # noqa: F811
    listed = pages(built_book["zh"])
    assert "chapters/01_one_neuron.html" in listed
    failures = page_failures(browser, f"{site_url}/{ZH}", site_url, listed, axe_source)
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)


@pytest.mark.parametrize("chapter, title", [("01_one_neuron", "逻辑回归"), ("04_backprop_one_example", "反向传播")])
def test_the_chinese_chapter_is_in_chinese_and_its_screenshot_is_kept(site_url, browser, chapter, title):  # noqa: F811
    visit(browser, f"{site_url}/{ZH}/chapters/{chapter}.html")
    assert browser.find_element("tag name", "html").get_attribute("lang") == "zh-CN"
    assert title in browser.find_element("css selector", "article h1").text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / f"zh-{chapter}.png"))


@pytest.mark.parametrize(
    "start, lands",
    [
        (f"{ZH}/chapters/01_one_neuron.html", "chapters/01_one_neuron.html"),
        ("chapters/01_one_neuron.html", f"{ZH}/chapters/01_one_neuron.html"),
        (f"{ZH}/intro.html", "intro.html"),
        ("intro.html", f"{ZH}/intro.html"),
        ("chapters/04_backprop_one_example.html", f"{ZH}/chapters/04_backprop_one_example.html"),
        (f"{ZH}/chapters/08_beyond_one_neuron.html", "chapters/08_beyond_one_neuron.html"),
        (f"{ZH}/appendix_notation.html", "appendix_notation.html"),
    ],
)
def test_the_language_switch_leads_to_the_same_page(site_url, browser, start, lands):  # noqa: F811
    visit(browser, f"{site_url}/{start}")
    browser.find_element("css selector", ".course-language-switch a").click()
    assert browser.current_url.split("#")[0] == f"{site_url}/{lands}"
    report = visit(browser, browser.current_url)
    assert not report["console"]


def test_the_download_is_the_chinese_student_notebook_graded_like_the_english(site_url, browser):  # noqa: F811
    visit(browser, f"{site_url}/{ZH}/chapters/01_one_neuron.html")
    text = browser.execute_async_script(FETCH_TEXT, f"{site_url}/{ZH}/_sources/chapters/01_one_neuron.ipynb")
    chinese = nbformat.reads(text, as_version=4)
    english = student_notebook(source_notebook(CHAPTERS / "01_one_neuron.md"))
    assert chinese.metadata["course"]["language"] == "zh_CN"
    graded = [
        (c.id, c.source, c.metadata["nbgrader"]) for c in english.cells if c.metadata.get("nbgrader", {}).get("grade")
    ]
    assert graded == [
        (c.id, c.source, c.metadata["nbgrader"]) for c in chinese.cells if c.metadata.get("nbgrader", {}).get("grade")
    ]
    assert "### BEGIN HIDDEN TESTS" not in text and "### BEGIN SOLUTION" not in text


@pytest.mark.parametrize("term", SEARCHED)
def test_chinese_search_finds_each_glossary_term_where_the_edition_uses_it(built_book, site_url, browser, term):  # noqa: F811
    source = built_book["zh"].parent.parent / "source"
    # Where the term is, from the edition's own sources: the pages the search must find.
    expected = {
        path.relative_to(source).with_suffix(".html").as_posix()
        for path in [*source.glob("*.md"), *source.glob("chapters/*.ipynb")]
        if term in path.read_text(encoding="utf-8")
    }
    assert expected, f"{term} is in no page of the edition"
    browser.get(f"{site_url}/{ZH}/search.html?q={urllib.parse.quote(term)}")
    found = browser.execute_async_script(SEARCH_RESULTS)
    assert isinstance(found, list), found
    found = {link.split("?")[0].split("#")[0].removeprefix(f"{site_url}/{ZH}/") for link in found}
    assert expected <= found, (term, expected, found)


def test_the_edition_lists_only_the_pages_that_have_a_catalog(built_book):
    listed = {page.removesuffix(".html") for page in pages(built_book["zh"])}
    translated = set(i18n.translated_pages("zh_CN"))
    chapters = {f"chapters/{stem}" for stem in translated if (CHAPTERS / f"{stem}.md").exists()}
    assert chapters <= listed
    assert not {p for p in listed if p.startswith("chapters/")} - chapters


def test_no_solution_or_hidden_test_line_is_published_in_the_chinese_edition(built_book):
    from chapterkit.leaks import find_leaks

    assert find_leaks(built_book["zh"]) == []


def test_the_folded_tests_say_in_chinese_what_they_check(built_book):
    page = (built_book["zh"] / "chapters" / "01_one_neuron.html").read_text(encoding="utf-8")
    catalog = i18n.translations("zh_CN", "01_one_neuron")
    headlines = [text for (context, _), text in catalog.items() if context == "headline"]
    assert headlines and all(f"测试：{headline}" in page for headline in headlines)
    assert "Test: " not in page and "Show code cell" not in page
