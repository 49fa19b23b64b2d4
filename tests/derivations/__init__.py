"""Machine checks of the book's derivations, one per labelled equation.

Each check is registered under the equation's label with the equation's LaTeX
exactly as the chapter states it, and returns the sides of the equation (or of
the chain ``A = B = C``) as sympy expressions, all of which must be equal. The
test suite compares the registered LaTeX with the chapter, so editing an
equation (a typo included) fails until its check is reviewed, and the sympy
sides must agree, so a wrong step fails too.
"""

import importlib
import pkgutil
import re

CHECKS = {}
WHERE = {}  # label -> the meaning of the chapter's names in that check (see latex.evaluate)


def normalize_latex(latex):
    return " ".join(latex.split())


def check(label, latex, where=None):
    """Register a function returning the equal sides of equation ``label``.

    ``where`` gives the chapter's names their meaning for this equation, over
    the module's own ``WHERE`` (names to definitions or functions, see
    ``latex.evaluate``): the sides parsed from the chapter are compared with
    the sides the function returns.
    """

    def register(function):
        if label in CHECKS:
            raise ValueError(f"two checks for equation {label!r}")
        CHECKS[label] = (normalize_latex(latex), function)
        WHERE[label] = (function.__module__, dict(where or {}))
        return function

    return register


def mismatch(label, chapter_latex):
    """Why the chapter's equation differs from what its check verified, or None."""
    recorded = CHECKS[label][0]
    latex = normalize_latex(chapter_latex)
    if latex == recorded:
        return None
    return (
        f"equation ({label}) differs from the LaTeX its sympy check was written for:\n"
        f"  chapter: {latex}\n  checked: {recorded}\nFix the typo, or update the check and its sides."
    )


def load_all():
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("ch"):  # one module per chapter: ch02_..., ch03_...
            importlib.import_module(f"{__name__}.{module.name}")
    return CHECKS


# $$ ... $$ (label): the one way chapters write display equations.
DISPLAY_MATH = re.compile(r"^\$\$\n(?P<body>.*?)\n\$\$(?: \((?P<label>[\w-]+)\))?[ \t]*$", re.MULTILINE | re.DOTALL)


def labelled_equations(text):
    """[(label or None, normalized LaTeX)] for every display equation in a chapter's text."""
    return [(m.group("label"), normalize_latex(m.group("body"))) for m in DISPLAY_MATH.finditer(text)]
