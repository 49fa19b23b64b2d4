"""Every derivative or identity the book states is checked by sympy.

In chapters 2-5 and 8 every display equation carries a label; labels starting
with ``def-`` are definitions, and every other label has a check in
``tests/derivations`` that records the equation's LaTeX and returns its sides.
"""

import pkgutil
import re

import pytest
import sympy as sp

import tests.derivations
from chapterkit.sources import chapter_paths
from tests.derivations import CHECKS, DISPLAY_MATH, labelled_equations, load_all, mismatch
from tests.derivations.equality import difference_vanishes

load_all()
CHECKED_CHAPTERS = ("02", "03", "04", "05", "08")
EQUATIONS = {
    label: (path.stem, latex)
    for path in chapter_paths()
    for label, latex in labelled_equations(path.read_text(encoding="utf-8"))
    if label
}


# every chapter with derivations has a module of checks, tests/derivations/chNN_slug.py
DERIVING_CHAPTERS = {m.name[2:4] for m in pkgutil.iter_modules(tests.derivations.__path__) if m.name.startswith("ch")}


def chapters_to_check():
    return [p for p in chapter_paths() if p.name[:2] in CHECKED_CHAPTERS]


def chapters_with_derivations():
    return [p for p in chapter_paths() if p.name[:2] in DERIVING_CHAPTERS]


def test_the_completeness_check_covers_every_chapter_with_derivations():
    # chapters 1, 6 and 7 derive too, without labelling every display equation
    assert {p.name[:2] for p in chapters_with_derivations()} >= set(CHECKED_CHAPTERS) | {"01", "06", "07"}


@pytest.mark.parametrize("path", chapters_to_check(), ids=lambda p: p.stem)
def test_every_display_equation_is_labelled(path):
    unlabelled = [latex for label, latex in labelled_equations(path.read_text(encoding="utf-8")) if not label]
    assert not unlabelled, f"{path.name}: label these equations so they can be checked: {unlabelled}"
    assert path.read_text(encoding="utf-8").count("$$") == 2 * len(
        labelled_equations(path.read_text(encoding="utf-8"))
    ), f"{path.name}: write display math only as $$ on its own line ... $$ (label)"


@pytest.mark.parametrize("path", chapters_with_derivations(), ids=lambda p: p.stem)
def test_every_derivative_and_identity_has_a_check(path):
    missing = [
        label
        for label, latex in labelled_equations(path.read_text(encoding="utf-8"))
        if label and not label.startswith("def-") and label not in CHECKS
    ]
    assert not missing, f"{path.name}: equations without a sympy check: {missing}"


def test_every_check_belongs_to_an_equation():
    assert not set(CHECKS) - set(EQUATIONS), f"checks for equations no chapter has: {set(CHECKS) - set(EQUATIONS)}"


@pytest.mark.parametrize("label", sorted(CHECKS))
def test_equation_as_written_is_what_was_checked(label):
    chapter, latex = EQUATIONS[label]
    problem = mismatch(label, latex)
    assert problem is None, f"{chapter}: {problem}"


@pytest.mark.parametrize("label", sorted(CHECKS))
def test_the_sides_of_each_equation_are_equal(label):
    _, function = CHECKS[label]
    sides = function()
    assert len(sides) >= 2, f"({label}) must return at least two sides"
    for i, (left, right) in enumerate(zip(sides, sides[1:])):
        assert difference_vanishes(sp.sympify(left), sp.sympify(right)), (
            f"({label}): side {i + 1} and side {i + 2} are not equal:\n  {left}\n  {right}"
        )


def test_the_checker_rejects_a_wrong_step():
    z = sp.Symbol("z", real=True)
    sigma = 1 / (1 + sp.exp(-z))
    assert difference_vanishes(sp.diff(sigma, z), sigma * (1 - sigma))
    # The classic slip: a sign lost in the chain rule.
    assert not difference_vanishes(sp.diff(sigma, z), -sigma * (1 - sigma))
    assert not difference_vanishes(sp.diff(sigma, z), sigma * (1 + sigma))


def _typos(body):
    """Slips a proofreader misses: a minus dropped, a digit changed, a term added."""
    typos = [body + " + 1"]
    if "-" in body:
        typos.append(body.replace("-", "", 1))
    digit = re.search(r"\d", body)
    if digit:
        typos.append(body[: digit.start()] + str((int(digit.group()) + 1) % 10) + body[digit.end() :])
    return typos


def _reported(text):
    """The labels of a chapter's text whose equation is not the one its check verified."""
    return {label for label, latex in labelled_equations(text) if label in CHECKS and mismatch(label, latex)}


@pytest.mark.parametrize(
    "path", [p for p in chapter_paths() if any(EQUATIONS[label][0] == p.stem for label in CHECKS)], ids=lambda p: p.stem
)
def test_a_typo_in_a_chapters_equation_is_reported_and_a_reflowed_equation_is_not(path):
    text = path.read_text(encoding="utf-8")
    assert _reported(text) == set()
    checked = [m for m in DISPLAY_MATH.finditer(text) if m.group("label") in CHECKS]
    assert checked
    for match in checked:
        start, end = match.span("body")
        for typo in _typos(match.group("body")):
            assert _reported(text[:start] + typo + text[end:]) == {match.group("label")}, typo
        reflowed = "  " + match.group("body").replace(" ", "\n  ", 1) + " "
        assert _reported(text[:start] + reflowed + text[end:]) == set()
