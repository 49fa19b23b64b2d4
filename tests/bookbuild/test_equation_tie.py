"""Each checked equation is read from the chapter itself and compared, side by side, with its check.

``tests/derivations/latex.py`` parses the chapter's LaTeX with sympy's lark
LaTeX parser and gives its names the meaning the check module defines; every
side must equal the corresponding side the check returns. So an equation
edited in the chapter alone (a sign, a factor) fails here even if someone also
copies the edit into the check's recorded LaTeX. The equations that cannot be
read yet are listed, with the reason, in ``tests/derivations/unparsed.py``;
the list only shrinks.
"""

import functools
import random
from pathlib import Path

import pytest

from chapterkit.sources import chapter_paths
from tests.derivations import CHECKS, labelled_equations, load_all
from tests.derivations.equality import difference_vanishes
from tests.derivations.latex import Unreadable, meanings, preprocess, sides, tie
from tests.derivations.unparsed import UNPARSED

ROOT = Path(__file__).resolve().parents[2]
load_all()
EQUATIONS = {
    label: (path.stem, latex)
    for path in chapter_paths()
    for label, latex in labelled_equations(path.read_text(encoding="utf-8"))
    if label
}
TIED = sorted(label for label in CHECKS if label not in UNPARSED)


def problem(label, latex):
    """Why ``latex``, read as equation ``label``, does not match its check; None if it does."""
    try:
        return tie(label, latex)
    except Unreadable as error:
        return f"({label}) cannot be read: {error}"


@functools.cache
def chapter_problem(label):
    return problem(label, EQUATIONS[label][1])


@pytest.mark.parametrize("label", TIED)
def test_every_side_as_the_chapter_writes_it_equals_its_check(label):
    found = chapter_problem(label)
    assert found is None, (
        f"{EQUATIONS[label][0]}: {found}\nFix the equation or its check; if it truly cannot be read, "
        "list it with the reason in tests/derivations/unparsed.py."
    )


@pytest.mark.parametrize("label", sorted(UNPARSED))
def test_a_listed_equation_is_still_not_tied(label):
    assert label in CHECKS, f"({label}) has no check any more: remove it from tests/derivations/unparsed.py"
    assert chapter_problem(label) is not None, (
        f"({label}) is now read and agrees with its check: remove it from tests/derivations/unparsed.py"
    )


def test_the_intro_states_what_is_checked():
    # a chapter numbers its labelled equations; the def- ones are definitions
    definitions = [label for label in EQUATIONS if label.startswith("def-")]
    intro = " ".join((ROOT / "intro.md").read_text(encoding="utf-8").split())
    for claim in [
        f"of the chapters' {len(EQUATIONS)} numbered equations, {len(definitions)} are definitions",
        f"each of the other {len(CHECKS)} has a sympy check",
        f"For {len(TIED)} of them the test reads the equation from the page itself",
        f"the other {len(UNPARSED)} (",
    ]:
        assert claim in intro, f"intro.md should say: {claim!r}"


def _with_body(label, body):
    return problem(label, body)


def test_the_sign_of_a_minus_y_flipped_in_the_chapter_alone_is_caught():
    # (4.9): dz = ... = a - y. The recorded LaTeX of the check is untouched.
    label = "bp-dz-chain"
    latex = EQUATIONS[label][1]
    assert "= a - y" in latex
    at = latex.rindex("a - y")
    flipped = latex[:at] + "y - a" + latex[at + len("a - y") :]
    assert _with_body(label, latex) is None
    found = _with_body(label, flipped)
    assert found is not None and "cannot be read" not in found, found


def _sign_flips(latex):
    """Every equation obtained by turning one + into - or one - into + outside sub- and superscripts' braces."""
    flips = []
    depth_script = 0
    stack = []
    for i, ch in enumerate(latex):
        if ch == "{":
            stack.append(latex[i - 1 : i] in ("_", "^"))
            depth_script += stack[-1]
        elif ch == "}" and stack:
            depth_script -= stack.pop()
        elif ch in "+-" and not depth_script:
            flips.append(latex[:i] + ("-" if ch == "+" else "+") + latex[i + 1 :])
    return flips


def _value_changed(label, original, mutated):
    """True if the mutated chapter LaTeX means something else on some side (so the flip is not a no-op)."""
    try:
        before, after = meanings(label, original), meanings(label, mutated)
    except Unreadable:
        return True  # an unreadable equation fails the tie as well
    return len(before) != len(after) or any(not difference_vanishes(b, a) for b, a in zip(before, after))


@pytest.mark.parametrize("seed", range(8))
def test_a_random_sign_flipped_in_a_read_equation_is_caught(seed):
    rng = random.Random(seed)
    label = rng.choice([label for label in TIED if _sign_flips(EQUATIONS[label][1])])
    latex = EQUATIONS[label][1]
    flips = _sign_flips(latex)
    rng.shuffle(flips)
    # the first flip that changes what some side says (a flip inside e^{-z} - e^{-z} might not)
    mutated = next(flip for flip in flips if _value_changed(label, latex, flip))
    assert _with_body(label, mutated) is not None, f"({label}): a flipped sign went unnoticed:\n  {mutated}"


def test_preprocessing_reads_the_forms_the_chapters_use():
    # spacing and sizing go, functions take their argument, juxtaposition is a product
    assert preprocess(r"\frac{\partial}{\partial z}\big(-y \ln a\big) = y\,(a - 1) .") == [
        r"{\frac{d}{dz}{( - y \cdot {\ln{a}})}}",
        r"y \cdot (a - 1)",
    ]
    assert preprocess(r"\begin{aligned} \ln(1 + e^{z}) &= z \\ &= \ln a^{y} \end{aligned}") == [
        r"{\ln{(1 + E^{z})}}",
        "z",
        r"{\ln{a^{y}}}",
    ]
    for latex, reason in [(r"w^\top x", "transpose"), (r"\lVert w \rVert", "norm"), (r"O(h^2)", "Landau")]:
        with pytest.raises(Unreadable, match=reason):
            preprocess(latex)


def test_ambiguous_phrases_are_read_as_the_chapters_mean_them():
    # lark reads "\tanh z" also as tan(h z): the reading with fewer names wins
    assert [str(s) for s in sides(r"\tanh z")] == ["tanh(z)"]
    # a name before a bracket is a function only if it is one of the course's
    assert [str(s) for s in sides(r"x_j\,(a - y) = \sigma(z)")] == ["x_{j}*(a - y)", "F_{sigma}(z)"]
