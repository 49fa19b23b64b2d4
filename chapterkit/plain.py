"""MyST Markdown to the plain Markdown every notebook viewer reads.

The book renders the chapters' MyST (admonitions, numbered equations, ``{eq}``
references); JupyterLab, classic Jupyter, VS Code and Colab show it as raw
text. The notebooks students download are made from the plain form:

* ``:::{admonition} Title`` becomes a quote with the title in bold, and one
  with ``:class: dropdown`` (the check-yourself answers) an HTML ``<details>``
  element, closed until the student opens it;
* ``$$ ... $$ (label)`` carries its number as ``\\tag{5.3}`` inside the math,
  and ``{eq}`label` `` becomes ``(5.3)``, numbered as the book numbers them:
  per chapter, in the order of the labelled display equations;
* ``{doc}`page` `` becomes the page's title in italics (a notebook has no link
  to the book's pages).

Anything else of MyST's syntax is an error, so a new construct in a chapter
fails the build until it is converted here.
"""

import re
from functools import cache
from pathlib import Path

_DISPLAY = re.compile(r"^\$\$\n(?P<math>.*?)\n\$\$ \((?P<label>[\w-]+)\)$", re.MULTILINE | re.DOTALL)
_REFERENCE = re.compile(r"\{eq\}`(?P<label>[^`<>]+)`")
_DOC = re.compile(r"\{doc\}`(?:(?P<text>[^`<]+?) *<(?P<linked>[^`>]+)>|(?P<target>[^`<>]+))`")
_BOOK = Path(__file__).resolve().parent.parent  # the book's top folder, where documents are named from
_ADMONITION = re.compile(
    r"^:::\{admonition\} (?P<title>[^\n]+)\n(?P<options>(?::[\w-]+:[^\n]*\n)*)\n?(?P<body>.*?)\n:::$",
    re.MULTILINE | re.DOTALL,
)
# What would still be MyST after the conversion: directives, roles, targets, equation labels.
LEFTOVER = re.compile(
    r"^(?::::+|```+)\{[\w-]+\}|\{[\w:-]+\}`|^\([\w-]+\)=\s*$|^\$\$ \(|^:[\w-]+: |\{\{",
    re.MULTILINE,
)


def equation_labels(markdown):
    """The labels of a chapter's display equations, in order."""
    return [match["label"] for match in _DISPLAY.finditer(markdown)]


@cache
def _numbers(chapters):
    numbers = {}
    for number, markdown in chapters:
        for n, label in enumerate(equation_labels(markdown), start=1):
            numbers[label] = f"{number}.{n}"
    return numbers


def equation_numbers(chapters):
    """``{label: "5.3"}`` for ``chapters``, an iterable of (chapter number, its Markdown)."""
    return _numbers(tuple(chapters))


def plain_markdown(text, numbers):
    """One Markdown cell's text without MyST; ``numbers`` from :func:`equation_numbers`."""
    text = _DISPLAY.sub(lambda m: f"$$\n{m['math']}\n\\tag{{{_number(numbers, m['label'])}}}\n$$", text)
    text = _REFERENCE.sub(lambda m: f"({_number(numbers, m['label'])})", text)
    text = _DOC.sub(lambda m: m["text"] or f"*{_title(m['target'])}*", text)
    text = _ADMONITION.sub(_admonition, text)
    leftover = LEFTOVER.search(text)
    if leftover:
        line = text[text.rfind("\n", 0, leftover.start()) + 1 :].split("\n", 1)[0]
        raise ValueError(f"MyST syntax with no plain Markdown form (convert it in chapterkit/plain.py): {line!r}")
    return text


def _title(target):
    """A page of the book, named by its title: the notebook has no link to the book's pages."""
    page = _BOOK / f"{target.strip().lstrip('./').removesuffix('.md')}.md"
    try:
        heading = next(line for line in page.read_text(encoding="utf-8").splitlines() if line.startswith("# "))
    except (OSError, StopIteration):
        raise ValueError(f"{{doc}}`{target}` names no page of the book with a title") from None
    return heading[2:].strip()


def _number(numbers, label):
    try:
        return numbers[label]
    except KeyError:
        raise ValueError(f"{{eq}}`{label}` refers to no labelled display equation") from None


def _admonition(match):
    classes = " ".join(re.findall(r"^:class: ([^\n]*)$", match["options"], re.MULTILINE)).split()
    title, body = match["title"].strip(), match["body"].strip("\n")
    if "dropdown" in classes:
        # Blank lines around the body make Jupyter render it as Markdown inside the HTML.
        return f"<details>\n<summary>{title}</summary>\n\n{body}\n\n</details>"
    quoted = "\n".join(f"> {line}" if line else ">" for line in body.split("\n"))
    return f"> **{title}**\n>\n{quoted}"
