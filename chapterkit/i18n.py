"""Translated editions from the same chapter sources, through gettext catalogs.

A translated chapter is *generated*: the English ``chapters/NN_slug.md`` with
each Markdown block replaced by its translation from
``locale/<language>/LC_MESSAGES/NN_slug.po``. Code cells are copied byte for
byte (only a figure's ``alt:`` text in the cell's header is translated), so
the translated student notebook has the English code cells, grade ids, cell
ids, points and nbgrader checksums, and one nbgrader assignment grades both.

One message per Markdown block: a heading, a paragraph, a list item, a table
row, an admonition's title; display math, directive options and fences stay as
they are. A block's lines are joined by spaces, so re-wrapping English text
does not make its translation stale. Three more kinds of message, each with its
``msgctxt``:

* ``alt``: a figure's description for readers who cannot see it;
* ``figure``: a title, axis label, legend entry or annotation that a figure
  cell draws (the build's kernel translates them as the figure is saved);
* ``test``: a sentence a test cell may raise (``CheckFailed(...)``, the keys of
  ``mistakes={...}``, names given to the checks); f-strings become templates
  with their ``{placeholders}``. Those from hidden tests are marked, and only
  the grader sees them.

``python -m chapterkit.i18n`` updates the catalogs (``update``: ``msgmerge``
marks an entry whose English changed as fuzzy, i.e. stale), prints each
chapter's translated, stale and untranslated counts (``status``) and checks
them (``check``: ``msgfmt --check``, placeholders, and the glossary).
"""

import argparse
import ast
import json
import re
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

from .cells import test_headline
from .sources import CHAPTERS, ROOT, TESTKIT, chapter_paths, visible_part

LOCALE = ROOT / "locale"
LANGUAGES = ("zh_CN",)
PAGES = ("intro.md", "appendix_notation.md", "appendix_references.md")  # the pages that are not chapters
TESTKIT_DOMAIN = "testkit"  # the test kit's own sentences: locale/<language>/LC_MESSAGES/testkit.po
TOC_DOMAIN = "toc"  # the captions of _toc.yml's parts
FEEDBACK_DOMAIN = "feedback"  # the feedback page's own words: every _("...", language) in autograder/feedback.py
BOOK_DOMAIN = "book"  # the book's own words on a page (a test's fold): every _("...") in bookbuild/editions.py
_NOT_PAGES = (TESTKIT_DOMAIN, TOC_DOMAIN, FEEDBACK_DOMAIN, BOOK_DOMAIN)

_FENCE = re.compile(r"^(`{3,}|~{3,})")
_DIRECTIVE = re.compile(r"^(?P<fence>:{3,}|`{3,})\{(?P<name>[\w-]+)\}(?P<gap> ?)(?P<argument>.*)$")
_OPTION = re.compile(r"^:[\w-]+:")
_CLOSE = re.compile(r"^:{3,}\s*$")
_TARGET = re.compile(r"^\([\w-]+\)=\s*$")
_HEADING = re.compile(r"^(?P<prefix>#{1,6} +)(?P<text>.*)$")
_ITEM = re.compile(r"^(?P<prefix>(?P<indent> *)(?:[*+-]|\d+[.)]) +)(?P<text>.*)$")
_TABLE_RULE = re.compile(r"^\|[\s|:-]+\|\s*$")
_ALT = re.compile(r'^(?P<prefix> +alt: )(?P<value>".*")\s*$')


# ---------------------------------------------------------------- Markdown blocks


def _structural(line):
    stripped = line.strip()
    return (
        not stripped
        or stripped.startswith("$$")
        or _FENCE.match(stripped)
        or _DIRECTIVE.match(line)
        or _CLOSE.match(line)
        or _OPTION.match(line)
        or _TARGET.match(line)
        or _HEADING.match(line)
        or stripped.startswith(("|", "+++", "<!--"))
    )


def segments(markdown):
    """The Markdown split into ``(prefix, message)`` blocks and kept ``(text, None)`` lines, in order.

    Joining ``prefix + message`` (or the kept text) with newlines gives the
    Markdown back, each block on one line.
    """
    lines = markdown.split("\n")
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith("$$"):  # display math, to its closing $$ line
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith("$$"):
                j += 1
            out.append(("\n".join(lines[i : j + 1]), None))
            i = j + 1
            continue
        fence = _FENCE.match(stripped)
        if fence:  # a code block in the text: kept whole
            j = i + 1
            while j < len(lines) and lines[j].strip() != fence.group(1):
                j += 1
            out.append(("\n".join(lines[i : j + 1]), None))
            i = j + 1
            continue
        directive = _DIRECTIVE.match(line)
        if directive:
            title = directive["argument"].strip()
            if directive["name"] == "admonition" and title:
                out.append((f"{directive['fence']}{{{directive['name']}}} ", title))
            else:
                out.append((line, None))
            i += 1
            continue
        heading = _HEADING.match(line)
        if heading:
            out.append((heading["prefix"], heading["text"].strip()))
            i += 1
            continue
        if stripped.startswith("|"):
            out.append((line, None) if _TABLE_RULE.match(line) else ("", line.strip()))
            i += 1
            continue
        if _structural(line):
            out.append((line, None))
            i += 1
            continue
        item = _ITEM.match(line)
        prefix, words = (item["prefix"], [item["text"]]) if item else ("", [stripped])
        i += 1
        while i < len(lines) and not _structural(lines[i]) and not _ITEM.match(lines[i]):
            words.append(lines[i].strip())
            i += 1
        out.append((prefix, " ".join(words)))
    return out


def messages(markdown):
    """The translatable blocks of a Markdown text, in order."""
    return [message for _, message in segments(markdown) if message is not None]


def translate_markdown(markdown, catalog):
    """The Markdown with every block that ``catalog`` translates replaced; the others stay English."""
    out = []
    for text, message in segments(markdown):
        out.append(text if message is None else text + catalog.get(("", message), message))
    return "\n".join(out)


# ---------------------------------------------------------------- chapter files


def _split_file(text):
    """A MyST notebook's text as ``("markdown" | "code" | "front", text)`` parts, in order."""
    lines = text.split("\n")
    parts, buffer, i = [], [], 0
    if lines and lines[0] == "---":  # the jupytext front matter
        end = lines.index("---", 1)
        parts.append(("front", "\n".join(lines[: end + 1])))
        i = end + 1
    while i < len(lines):
        line = lines[i]
        fence = re.match(r"^(`{3,})\{code-cell\}", line)
        if fence:
            if buffer:
                parts.append(("markdown", "\n".join(buffer)))
                buffer = []
            j = i + 1
            while lines[j] != fence.group(1):
                j += 1
            parts.append(("code", "\n".join(lines[i : j + 1])))
            i = j + 1
        else:
            buffer.append(line)
            i += 1
    parts.append(("markdown", "\n".join(buffer)))
    return parts


def _alt_lines(code):
    return [(n, m) for n, line in enumerate(code.split("\n")) if (m := _ALT.match(line))]


def translate_page(text, catalog, language=None):
    """A chapter's (or page's) MyST text with its prose translated and its code cells as they are.

    ``language`` is written into the front matter (``course: {language: ...}``),
    which jupytext reads into the notebook's metadata.
    """
    out = []
    for kind, part in _split_file(text):
        if kind == "front":
            if language:
                part = part[: -len("---")] + f"course:\n  language: {language}\n---"
            out.append(part)
        elif kind == "markdown":
            out.append(translate_markdown(part, catalog))
        else:
            lines = part.split("\n")
            for n, match in _alt_lines(part):
                english = json.loads(match["value"])
                lines[n] = match["prefix"] + json.dumps(catalog.get(("alt", english), english), ensure_ascii=False)
            out.append("\n".join(lines))
    return "\n".join(out)


# ---------------------------------------------------------------- what a page asks to translate


_FIGURE_CALLS = {"set_title", "suptitle", "set_xlabel", "set_ylabel", "text", "annotate", "title", "xlabel", "ylabel"}
_CHECKS = {"expect_close", "expect_shape", "expect_scalar", "going_further"}
_WORDS = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}")


def _template(node):
    """A string constant, or an f-string as a ``{placeholder}`` template; None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(value.value.replace("{", "{{").replace("}", "}}"))
            else:
                parts.append("{" + ast.unparse(value.value) + "}")
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):  # "..." "..." split over lines, or a + b
        left, right = _template(node.left), _template(node.right)
        return left + right if left is not None and right is not None else None
    return None


def _code(cell_source):
    """The Python of a code cell's text (its MyST header dropped)."""
    lines = cell_source.split("\n")[1:-1]  # the fences
    if lines and lines[0] == "---":
        lines = lines[lines.index("---", 1) + 1 :]
    elif lines and lines[0].startswith(":"):
        lines = [line for line in lines if not line.startswith(":")]
    return "\n".join(lines)


def _header(cell_source):
    """A code cell's MyST header (its YAML between ``---`` lines), or its ``:option:`` lines."""
    lines = cell_source.split("\n")[1:-1]
    if lines and lines[0] == "---":
        return "\n".join(lines[: lines.index("---", 1)])
    return "\n".join(line for line in lines if line.startswith(":"))


def _calls(code):
    """The calls in some Python, in the order they are written."""
    calls = [node for node in ast.walk(ast.parse(code)) if isinstance(node, ast.Call)]
    return sorted(calls, key=lambda node: (node.lineno, node.col_offset))


def figure_messages(code):
    """The texts a figure cell draws: titles, axis labels, annotations, legend labels."""
    found = []
    for node in _calls(code):
        name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
        candidates = []
        if name in _FIGURE_CALLS:
            candidates += node.args[2:3] if name == "text" else node.args[:1]
        candidates += [k.value for k in node.keywords if k.arg == "label"]
        for candidate in candidates:
            text = _template(candidate)
            if text and re.search(r"[A-Za-z]{2,}", re.sub(r"\$[^$]*\$", "", text)):
                found.append(text)
    return found


def test_messages(code):
    """The sentences a test cell can fail with, as templates: what a grader or student may read."""
    found = []
    for node in _calls(code):
        name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
        candidates = []
        if name == "CheckFailed":
            candidates += node.args[:1]
        if name in _CHECKS:
            candidates += node.args[:1]
            if name == "going_further":
                candidates += node.args[3:4]
        for keyword in node.keywords:
            if keyword.arg == "mistakes" and isinstance(keyword.value, ast.Dict):
                candidates += [key for key in keyword.value.keys if key is not None]
        for candidate in candidates:
            text = _template(candidate)
            if text and _WORDS.search(re.sub(r"\{[^{}]*\}", "", text)):
                found.append(text)
    return found


def page_messages(text):
    """``[(msgctxt, msgid, comment)]`` of a page, in order, each once."""
    found, seen = [], set()

    def add(context, message, comment=""):
        if (context, message) not in seen:
            seen.add((context, message))
            found.append((context, message, comment))

    for kind, part in _split_file(text):
        if kind == "markdown":
            for message in messages(part):
                add("", message)
        elif kind == "code":
            for _, match in _alt_lines(part):
                add("alt", json.loads(match["value"]), "a figure's description (alt text)")
            code = _code(part)
            if "hide-input" in _header(part):
                for message in figure_messages(code):
                    add("figure", message, "drawn in a figure; keep the $math$")
            if "grade: true" in part:
                add("headline", test_headline(code), "what a test checks: its fold on the book's page says it")
                visible = visible_part(code)
                for message in test_messages(visible):
                    add("test", message, "a test's sentence; keep the {placeholders}")
                for message in test_messages(code):
                    add("test", message, "hidden test: only the grader shows it")
    return found


def testkit_messages():
    """The test kit's own sentences: every argument of its ``_words(...)``."""
    return marked_messages(TESTKIT)


def marked_messages(path):
    """The first argument of every ``_(...)`` (the test kit's ``_words(...)``) in a Python file, in order."""
    found = []
    for node in _calls(Path(path).read_text(encoding="utf-8")):
        if getattr(node.func, "id", None) in ("_", "_words") and node.args:
            text = _template(node.args[0])
            if text is not None and text not in found:
                found.append(text)
    return found


# ---------------------------------------------------------------- catalogs


def sources():
    """``{domain: path}``: every page and chapter whose text is translated, and the test kit."""
    found = {Path(page).stem: ROOT / page for page in PAGES}
    found.update({path.stem: path for path in chapter_paths()})
    found[TESTKIT_DOMAIN] = TESTKIT
    found[TOC_DOMAIN] = ROOT / "_toc.yml"
    found[FEEDBACK_DOMAIN] = ROOT / "autograder" / "feedback.py"  # read as text: chapterkit imports no grader
    found[BOOK_DOMAIN] = ROOT / "bookbuild" / "editions.py"
    return found


def catalog_path(language, domain):
    return LOCALE / language / "LC_MESSAGES" / f"{domain}.po"


def template(domain, path=None):
    """The message template (a polib POFile) of one page, chapter or the test kit."""
    import polib

    pot = polib.POFile(wrapwidth=0)
    pot.metadata = {
        "Project-Id-Version": f"course {domain}",
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "",
        "Language-Team": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    if domain == TOC_DOMAIN:
        import yaml

        toc = yaml.safe_load(Path(path or sources()[domain]).read_text(encoding="utf-8"))
        entries = [("", part["caption"], "a part of the table of contents") for part in toc.get("parts", [])]
    elif domain == TESTKIT_DOMAIN:
        entries = [
            ("test", message, "a sentence of the test kit; keep the {placeholders}") for message in testkit_messages()
        ]
    elif domain in (FEEDBACK_DOMAIN, BOOK_DOMAIN):
        where = "the feedback page" if domain == FEEDBACK_DOMAIN else "the book's pages"
        entries = [("", message, where) for message in marked_messages(Path(path or sources()[domain]))]
    else:
        entries = page_messages(Path(path or sources()[domain]).read_text(encoding="utf-8"))
    for context, message, comment in entries:
        flags = ["python-brace-format"] if context == "test" and re.search(r"\{\w", message) else []
        pot.append(polib.POEntry(msgctxt=context or None, msgid=message, msgstr="", comment=comment, flags=flags))
    return pot


@cache
def _load(path, mtime):
    import polib

    return polib.pofile(str(path), wrapwidth=0)


def load(language, domain):
    """The catalog of one domain, or None when there is none."""
    path = catalog_path(language, domain)
    return _load(path, path.stat().st_mtime_ns) if path.exists() else None


def translations(language, domain, hidden=True):
    """``{(msgctxt, msgid): msgstr}`` for the entries translated and not stale."""
    po = load(language, domain)
    if po is None:
        return {}
    return {
        (entry.msgctxt or "", entry.msgid): entry.msgstr
        for entry in po
        if entry.translated() and not entry.obsolete and (hidden or "hidden test" not in entry.comment)
    }


def update(language, domains=None, create=False):
    """Bring catalogs up to date with the English (``msgmerge``): changed blocks become fuzzy (stale).

    ``create``: start a catalog for a domain that has none yet.
    """
    changed = []
    for domain, path in sources().items():
        if domains and domain not in domains:
            continue
        target = catalog_path(language, domain)
        if not target.exists() and not create:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        pot = template(domain, path)
        with tempfile.TemporaryDirectory() as folder:
            pot_path = Path(folder) / f"{domain}.pot"
            pot.save(str(pot_path))
            if not target.exists():
                pot.metadata["Language"] = language
                pot.save(str(target))
            else:
                subprocess.run(
                    ["msgmerge", "--quiet", "--update", "--backup=none", "--previous", "--no-wrap", "--no-location"]
                    + [str(target), str(pot_path)],
                    check=True,
                )
        changed.append(target)
    return changed


def status(language):
    """``[(domain, translated, stale, untranslated, exists)]``, against the current English.

    The catalog is merged with the current template first (in a temporary
    file, as ``update`` would), so a block edited since the last ``update``
    already counts as stale.
    """
    import polib

    rows = []
    for domain, path in sources().items():
        pot = template(domain, path)
        po = load(language, domain)
        if po is None:
            rows.append((domain, 0, 0, len(pot), False))
            continue
        with tempfile.TemporaryDirectory() as folder:
            pot_path, merged = Path(folder) / "t.pot", Path(folder) / "merged.po"
            pot.save(str(pot_path))
            subprocess.run(
                [
                    "msgmerge",
                    "--quiet",
                    "--previous",
                    "--no-wrap",
                    "-o",
                    str(merged),
                    str(catalog_path(language, domain)),
                    str(pot_path),
                ],
                check=True,
            )
            entries = [entry for entry in polib.pofile(str(merged)) if not entry.obsolete]
        done = sum(1 for entry in entries if entry.translated())
        stale = sum(1 for entry in entries if entry.fuzzy)
        rows.append((domain, done, stale, len(entries) - done - stale, True))
    return rows


def translated_pages(language):
    """The pages and chapters (file stems) that have a catalog: the ones the edition lists."""
    return [domain for domain in sources() if domain not in _NOT_PAGES and catalog_path(language, domain).exists()]


# ---------------------------------------------------------------- checks


def msgfmt_check(language):
    """``msgfmt --check`` on every catalog: syntax, headers and python-brace-format placeholders."""
    problems = []
    for path in sorted((LOCALE / language / "LC_MESSAGES").glob("*.po")):
        done = subprocess.run(
            ["msgfmt", "--check", "--output-file=/dev/null", str(path)], capture_output=True, text=True, check=False
        )
        if done.returncode:
            problems.append(done.stderr.strip())
    return problems


def glossary(language):
    """``[(english, translation)]`` from ``locale/<language>/glossary.tsv``, longest English first."""
    rows = []
    for line in (LOCALE / language / "glossary.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            english, translation = line.split("\t")[:2]
            rows.append((english.strip(), translation.strip()))
    return sorted(rows, key=lambda row: -len(row[0]))


def _prose(text):
    # Math, code and placeholders are not translated, so glossary terms in them do not count.
    return re.sub(r"\$\$.*?\$\$|\$[^$]*\$|`[^`]*`|\{[^{}]*\}|\([\w-]+\)=", " ", text, flags=re.DOTALL)


def glossary_problems(language):
    """Translations that do not use the glossary's term for an English term in their message."""
    terms = [(re.compile(rf"\b{re.escape(en)}(?:s|es)?\b", re.IGNORECASE), en, zh) for en, zh in glossary(language)]
    problems = []
    for domain in sources():
        po = load(language, domain)
        for entry in po or ():
            if not entry.translated() or entry.obsolete:
                continue
            english = _prose(entry.msgid)
            # A translator's comment "glossary-skip: cost" says the word is not the term here ("it costs nothing").
            skip = {
                word.strip()
                for line in entry.tcomment.splitlines()
                if line.startswith("glossary-skip:")
                for word in line.split(":", 1)[1].split(",")
            }
            for pattern, en, zh in terms:
                if en not in skip and pattern.search(english) and zh not in entry.msgstr:
                    problems.append(f"{domain}.po: {entry.msgid[:60]!r} has {en!r} but its translation lacks {zh!r}")
                english = pattern.sub(" ", english)  # a longer term ("cross-entropy loss") covers its parts
    return problems


def placeholder_problems(language):
    """Test sentences whose translation lost or added a {placeholder} (msgfmt checks only flagged ones)."""
    problems = []
    for domain in sources():
        for entry in load(language, domain) or ():
            if entry.translated() and entry.msgctxt == "test":
                if sorted(re.findall(r"\{[^{}]*\}", entry.msgid)) != sorted(re.findall(r"\{[^{}]*\}", entry.msgstr)):
                    problems.append(f"{domain}.po: placeholders differ in {entry.msgid[:60]!r}")
    return problems


def jieba_dictionary(language):
    """A jieba user dictionary: every glossary term one word, so search finds it whole."""
    return "".join(f"{zh.replace(' ', '')} 1000 n\n" for _, zh in glossary(language) if " " not in zh.strip())


# ---------------------------------------------------------------- generating an edition


_DOC = re.compile(r"\{doc\}`(?:(?P<text>[^`<]+?) *<(?P<linked>[^`>]+)>|(?P<target>[^`<>]+))`")


def _link_untranslated(text, depth, listed):
    """``{doc}`` references to pages the edition does not have become links to the English pages."""

    def link(match):
        target = (match["linked"] or match["target"]).strip().lstrip("./").removesuffix(".md")
        if Path(target).name in listed:
            return match[0]
        title = match["text"]
        if not title:
            page = (ROOT / f"{target}.md").read_text(encoding="utf-8")
            title = next(line[2:].strip() for line in page.splitlines() if line.startswith("# "))
        return f'<a href="{"../" * (depth + 1)}{target}.html" hreflang="en">{title}</a>'

    return _DOC.sub(link, text)


def generate(language, target):
    """Write the translated pages and chapters into ``target``; return the stems that have a catalog.

    Every chapter is written (untranslated ones in English), so carried
    exercises and equation numbers resolve as in the English edition; the
    edition lists only the stems returned.
    """
    target = Path(target)
    for domain, path in sources().items():
        if domain in _NOT_PAGES:
            continue
        catalog = translations(language, domain)
        relative = path.relative_to(ROOT)
        text = translate_page(path.read_text(encoding="utf-8"), catalog, language if path.parent == CHAPTERS else None)
        text = _link_untranslated(text, len(relative.parts) - 1, translated_pages(language))
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        if not destination.exists() or destination.read_text(encoding="utf-8") != text:
            destination.write_text(text, encoding="utf-8")
    return translated_pages(language)


def testkit_catalog(language, chapter=None, hidden=False):
    """``{english: translation}`` for the test kit in a notebook: its own sentences and the chapter's tests'."""
    catalog = {k[1]: v for k, v in translations(language, TESTKIT_DOMAIN).items()}
    if chapter:
        catalog.update({k[1]: v for k, v in translations(language, chapter, hidden).items() if k[0] == "test"})
    return catalog


def figure_catalog(language):
    """``{english: translation}`` of every figure text in every chapter."""
    catalog = {}
    for domain in sources():
        catalog.update({k[1]: v for k, v in translations(language, domain).items() if k[0] == "figure"})
    return catalog


# ---------------------------------------------------------------- command line


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m chapterkit.i18n", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["update", "status", "check"])
    parser.add_argument("domains", nargs="*", help="chapter or page stems, or testkit (update: all that exist)")
    parser.add_argument("--language", default=LANGUAGES[0])
    parser.add_argument("--create", action="store_true", help="update: start the catalogs named that do not exist")
    args = parser.parse_intermixed_args(argv)
    if args.command == "update":
        if shutil.which("msgmerge") is None:
            print("error: msgmerge not found (Debian's gettext package)", file=sys.stderr)
            return 1
        for path in update(args.language, args.domains or None, args.create):
            print(f"updated {path.relative_to(ROOT)}")
        return 0
    rows = status(args.language)
    print(f"{'catalog':<26} {'translated':>10} {'stale':>6} {'untranslated':>12}")
    for domain, done, stale, missing, exists in rows:
        total = done + stale + missing
        share = f"{100 * done // total if total else 100}%"
        note = "" if exists else "  (no catalog: missing from the edition)"
        print(f"{domain:<26} {done:>10} {stale:>6} {missing:>12}  {share:>4}{note}")
    if args.command == "status":
        return 0
    problems = msgfmt_check(args.language) + placeholder_problems(args.language) + glossary_problems(args.language)
    # A page or chapter with no catalog, or a message with no translation, is missing from the edition:
    # an error. A stale message (its English changed since) is only counted: the page shows the English.
    problems += [f"{domain}: {missing} untranslated" for domain, _, _, missing, exists in rows if exists and missing]
    problems += [f"{domain}: no catalog, so the edition has no {domain}" for domain, *_, exists in rows if not exists]
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
