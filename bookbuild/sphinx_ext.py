"""A small Sphinx extension loaded by the book's _config.yml.

sphinx-thebe and sphinx-togglebutton each add their inline configuration
script twice (at two priorities), and the second ``const THEBE_JS_URL`` is a
console error on every page. Scripts that would appear twice are dropped here.

The book's root page is not ``index``, so sphinx-external-toc writes
``index.html`` as a bare meta refresh. A page that declares no icon makes a
browser ask for ``/favicon.ico``, which the site does not have: a 404, and a
console error whenever it is logged before the redirect. The redirect is
written here first, declaring the book's icon, and sphinx-external-toc then
leaves it alone.
"""

import html
from pathlib import Path


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


def setup(app):
    app.connect("html-page-context", _drop_duplicate_scripts)
    # Before sphinx-external-toc's own handler (priority 500), which writes index.html only if it is missing.
    app.connect("build-finished", _write_index_redirect, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
