"""A small Sphinx extension loaded by the book's _config.yml.

sphinx-thebe and sphinx-togglebutton each add their inline configuration
script twice (at two priorities), and the second ``const THEBE_JS_URL`` is a
console error on every page. Scripts that would appear twice are dropped here.
"""


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


def setup(app):
    app.connect("html-page-context", _drop_duplicate_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
