"""Find solution and hidden-test lines anywhere in a built site.

Every line between ``### BEGIN SOLUTION``/``### END SOLUTION`` and between
``### BEGIN HIDDEN TESTS``/``### END HIDDEN TESTS`` in every chapter is a secret.
The site is read as text in every form it publishes: page text (tags removed,
so syntax-highlighted code reads as written), notebooks (sources and outputs),
the search index, and every other text file.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from .sources import chapter_paths, source_notebook
from .student import student_notebook

SOLUTIONS = ("BEGIN SOLUTION", "END SOLUTION")
HIDDEN_TESTS = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
_BINARY = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".woff", ".woff2", ".ttf", ".eot", ".ico", ".pdf", ".inv", ".pickle", ".doctree"}
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


def published_text(path):
    """The text a reader (or a search engine) can get from one published file."""
    path = Path(path)
    if path.suffix.lower() in _BINARY:
        return ""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".html":
        parser = _Text()
        parser.feed(raw)
        return "".join(parser.parts)
    if path.suffix == ".ipynb":
        nb = json.loads(raw)
        chunks = []
        for cell in nb.get("cells", []):
            chunks.append(_join(cell.get("source", "")))
            for output in cell.get("outputs", []):
                chunks.append(_join(output.get("text", "")))
                chunks.extend(_join(v) for v in output.get("data", {}).values() if isinstance(v, (str, list)))
        return "\n".join(chunks)
    return raw


def find_leaks(site, secrets=None):
    """[(secret line, chapter, file)] for every secret line published in ``site``."""
    secrets = all_secret_lines() if secrets is None else secrets
    leaks = []
    for path in sorted(Path(site).rglob("*")):
        if not path.is_file():
            continue
        text = published_text(path)
        lines = {normalize(line) for line in text.splitlines()}
        flat = normalize(text)
        for secret, chapter in secrets.items():
            if secret in lines or (len(secret) >= _LONG_ENOUGH_FOR_SUBSTRING and secret in flat):
                leaks.append((secret, chapter, str(path.relative_to(site))))
    return leaks


def _join(value):
    return "".join(value) if isinstance(value, list) else str(value)
