"""Every derivative or identity the book states is checked by sympy.

In chapters 2-5 and 8 every display equation carries a label; labels starting
with ``def-`` are definitions, and every other label has a check in
``tests/derivations`` that records the equation's LaTeX and returns its sides.
"""

import pytest
import sympy as sp

from chapterkit.sources import chapter_paths
from tests.derivations import CHECKS, labelled_equations, load_all, mismatch
from tests.derivations.equality import difference_vanishes

load_all()
CHECKED_CHAPTERS = ("02", "03", "04", "05", "08")
EQUATIONS = {
    label: (path.stem, latex)
    for path in chapter_paths()
    for label, latex in labelled_equations(path.read_text(encoding="utf-8"))
    if label
}


def chapters_to_check():
    return [p for p in chapter_paths() if p.name[:2] in CHECKED_CHAPTERS]


@pytest.mark.parametrize("path", chapters_to_check(), ids=lambda p: p.stem)
def test_every_display_equation_is_labelled(path):
    unlabelled = [latex for label, latex in labelled_equations(path.read_text(encoding="utf-8")) if not label]
    assert not unlabelled, f"{path.name}: label these equations so they can be checked: {unlabelled}"
    assert path.read_text(encoding="utf-8").count("$$") == 2 * len(labelled_equations(path.read_text(encoding="utf-8"))), (
        f"{path.name}: write display math only as $$ on its own line ... $$ (label)"
    )


@pytest.mark.parametrize("path", chapters_to_check(), ids=lambda p: p.stem)
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


def test_a_typo_in_an_equation_is_reported():
    assert CHECKS, "no derivation checks are registered"
    for label in CHECKS:
        _, latex = EQUATIONS[label]
        assert mismatch(label, latex) is None
        # a dropped minus sign, a changed exponent: any edit is caught
        for typo in (latex.replace("-", "", 1), latex.replace("2", "3", 1), latex + " + 1"):
            if typo != latex:
                assert mismatch(label, typo) is not None
