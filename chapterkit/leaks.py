"""Find solution and hidden-test lines wherever a student could read them.

Every line between ``### BEGIN SOLUTION``/``### END SOLUTION`` and between
``### BEGIN HIDDEN TESTS``/``### END HIDDEN TESTS`` in every chapter is a secret.
One scan serves the built book, the student notebook and the feedback pages:
each is read as the text a reader gets from it (HTML with its tags removed, so
syntax-highlighted code reads as written; notebooks' sources and outputs,
errors included), and a secret counts as shown where it is a whole line of
that text, or, when it is long enough not to occur by chance, anywhere in it.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from .sources import chapter_paths, source_notebook
from .student import student_notebook

SOLUTIONS = ("BEGIN SOLUTION", "END SOLUTION")
HIDDEN_TESTS = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
_BINARY = {
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".svg",
    ".woff",
    ".woff2",
    ".ttf",
    ".eot",
    ".ico",
    ".pdf",
    ".inv",
    ".pickle",
    ".doctree",
}
# Lines that say nothing about an answer: punctuation, bare keywords, a bare call opener.
_INFORMATIONLESS = re.compile(r"^([\W_]*|else:|try:|pass|return|break|continue|finally:|[\w.]+\()$")
_LONG_ENOUGH_FOR_SUBSTRING = 16  # shorter lines must match a whole published line
# A short secret line that the student notebooks also show as ordinary code
# (``atol=0,``, ``m = X.shape[1]``) gives nothing away; a long one always counts.
_GENERIC_BELOW = 20


def normalize(line):
    return " ".join(line.split())


def secret_lines(notebook, regions=(SOLUTIONS, HIDDEN_TESTS)):
    """The normalized, informative lines inside solution and hidden-test regions."""
    secrets = set()
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        inside = False
        for raw in cell.source.splitlines():
            if any(begin in raw for begin, _ in regions):
                inside = True
            elif any(end in raw for _, end in regions):
                inside = False
            elif inside:
                line = normalize(raw)
                if line and not _INFORMATIONLESS.match(line):
                    secrets.add(line)
    return secrets


def all_secret_lines():
    """{line: chapter} for every chapter, less short lines the student notebooks show anyway."""
    found = {}
    public = set()
    for path in chapter_paths():
        source = source_notebook(path)
        for line in secret_lines(source):
            found.setdefault(line, path.stem)
        for cell in student_notebook(source).cells:
            public.update(normalize(line) for line in cell.source.splitlines())
    return {line: chapter for line, chapter in found.items() if len(line) >= _GENERIC_BELOW or line not in public}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def html_text(markup):
    """The text of an HTML page: tags removed, character references decoded."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def notebook_text(nb, sources=True):
    """The text of a notebook (as JSON data): its cells' sources, if ``sources``, and every output."""
    chunks = []
    for cell in nb.get("cells", []):
        if sources:
            chunks.append(_join(cell.get("source", "")))
        for output in cell.get("outputs", []):
            chunks.append(_join(output.get("text", "")))
            chunks.extend(_join(v) for v in output.get("data", {}).values() if isinstance(v, (str, list)))
            chunks.append(str(output.get("evalue", "")))
            chunks.extend(str(line) for line in output.get("traceback", []))
    return "\n".join(chunks)


def published_text(path):
    """The text a reader (or a search engine) can get from one published file."""
    path = Path(path)
    if path.suffix.lower() in _BINARY:
        return ""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".html":
        return html_text(raw)
    if path.suffix == ".ipynb":
        return notebook_text(json.loads(raw))
    return raw


def shown(secrets, text):
    """The secret lines that ``text`` shows, sorted."""
    lines = {normalize(line) for line in text.splitlines()}
    flat = normalize(text)
    return sorted(
        secret
        for secret in secrets
        if secret in lines or (len(secret) >= _LONG_ENOUGH_FOR_SUBSTRING and secret in flat)
    )


def find_leaks(site, secrets=None):
    """[(secret line, chapter, file)] for every secret line published in ``site``."""
    secrets = all_secret_lines() if secrets is None else secrets
    leaks = []
    for path in sorted(Path(site).rglob("*")):
        if path.is_file():
            leaks += [
                (secret, secrets[secret], str(path.relative_to(site)))
                for secret in shown(secrets, published_text(path))
            ]
    return leaks


def _join(value):
    return "".join(value) if isinstance(value, list) else str(value)
