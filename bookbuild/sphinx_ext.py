"""A small Sphinx extension loaded by the book's _config.yml.

It serves ``static/course-theme.js`` and ``.css``, local fixes for the theme
pair jupyter-book 1.x pins (pydata-sphinx-theme 0.17.1, sphinx-book-theme
1.3.0): the sidebar toggles a phone needs, one top bar, the colour button's
first click, and search snippets without LaTeX source.

sphinx-thebe and sphinx-togglebutton each add their inline configuration
script twice (at two priorities), and the second ``const THEBE_JS_URL`` is a
console error on every page. Scripts that would appear twice are dropped here.

The book's root page is not ``index``, so sphinx-external-toc writes
``index.html`` as a bare meta refresh. A page that declares no icon makes a
browser ask for ``/favicon.ico``, which the site does not have: a 404, and a
console error whenever it is logged before the redirect. The redirect is
written here first, declaring the book's icon, and sphinx-external-toc then
leaves it alone.

The book comes in languages (the student edition and its translations, see
``bookbuild.editions``): every page links to the same page in the other one, or
to its first page when the other edition does not have it yet. ``html_context``'s
``course_language_switch`` says where the other edition is and which pages it has.

myst-nb names the summary of every folded cell "Toggle hidden content", which
hides its visible prompt ("Show code cell source", or what a test checks) from a
screen reader. That summary is written here without the label, so it is named
by the prompt it shows.
"""

import html
from pathlib import Path

from myst_nb.sphinx_ import HideCodeCellNode

STATIC = Path(__file__).parent / "static"


def _drop_duplicate_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen = set()
    unique = []
    for script in scripts:
        # The copies differ in priority and in None against "" for "no file": compare what the page would contain.
        key = (getattr(script, "filename", None) or "", tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def _write_index_redirect(app, exception):
    if exception is not None or app.builder.format != "html" or app.config.root_doc == "index":
        return
    root = app.builder.get_target_uri(app.config.root_doc)
    # Sphinx publishes html_favicon under _static/ by its file name.
    icon = f'<link rel="icon" href="_static/{Path(app.config.html_favicon).name}">' if app.config.html_favicon else ""
    Path(app.outdir, "index.html").write_text(
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8">{icon}'
        f'<meta http-equiv="Refresh" content="0; url={root}"><title>{html.escape(app.config.html_title)}</title></head>'
        f'<body><a href="{root}">{root}</a></body></html>\n',
        encoding="utf-8",
    )


def _drop_print_button(app, pagename, templatename, context, doctree):
    # The theme's ".pdf" download is the browser's print dialog, not a PDF of the book.
    for group in context.get("header_buttons", []):
        if group.get("type") == "group":
            group["buttons"] = [b for b in group["buttons"] if b.get("label") != "download-pdf-button"]


def _visit_folded_cell(self, node):
    self.body.append(f'<details class="admonition hide {" ".join(node["classes"])}">\n<summary>\n')
    for state, prompt in (("collapsed", node["prompt_show"]), ("expanded", node["prompt_hide"])):
        self.body.append(f'<p class="{state} admonition-title">{html.escape(prompt)}</p>\n')
    self.body.append("</summary>\n")


def _depart_folded_cell(self, node):
    self.body.append("</details>\n")


def _language_switch(app, pagename, templatename, context, doctree):
    switch = app.config.html_context.get("course_language_switch")
    if not switch or "body" not in context:
        return
    # A page of the book the other edition lacks leads to its first page; genindex, search: the same page.
    known = pagename in switch["pages"] or pagename not in app.env.found_docs
    target = pagename if known else app.config.root_doc
    href = "../" * pagename.count("/") + switch["prefix"] + target + ".html"
    lang = html.escape(switch["lang"])
    context["body"] = (
        f'<nav class="course-language-switch" aria-label="{html.escape(switch["label"])}">'
        f'<a href="{html.escape(href)}" hreflang="{lang}" lang="{lang}">{html.escape(switch["label"])}</a></nav>\n'
        + context["body"]
    )
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="alternate" hreflang="{lang}" href="{html.escape(href)}">'
    )


def _serve_theme_fixes(app):
    app.config.html_static_path.append(str(STATIC))


def setup(app):
    app.setup_extension("myst_nb")  # so that its HTML for folded cells is there to replace
    app.add_node(HideCodeCellNode, override=True, html=(_visit_folded_cell, _depart_folded_cell))
    app.connect("builder-inited", _serve_theme_fixes)
    app.add_js_file("course-theme.js", priority=900)  # after the themes' and the search's scripts
    app.add_css_file("course-theme.css", priority=900)
    app.connect("html-page-context", _drop_duplicate_scripts)
    # Before sphinx-external-toc's own handler (priority 500), which writes index.html only if it is missing.
    app.connect("build-finished", _write_index_redirect, priority=400)
    app.connect("html-page-context", _drop_print_button, priority=600)  # after the theme adds its buttons
    app.connect("html-page-context", _language_switch)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
