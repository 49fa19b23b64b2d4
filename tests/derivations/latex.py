# ruff: noqa: UP031  (LaTeX templates read better with %s than with doubled braces)
"""Reading a chapter's equation with sympy, so that its check is tied to the text itself.

``sides(latex)`` turns the LaTeX of a display equation, as the chapter writes
it, into one sympy expression per side of its chain ``A = B = C``. The parser is
sympy's own LaTeX parser (``parse_latex(..., backend="lark")``): ``preprocess``
first rewrites, in one place, what that grammar cannot read, and the
transformer below only decides between the readings of an ambiguous phrase.

``evaluate(side, where, like)`` then gives each name its meaning: a name is
the check's symbol of the same name (``like``, the check's own sides), or a
definition from ``where`` (``{"a": sigma(z), "L": loss(a, y)}``), which is
expanded only after every derivative of it was taken, so that
``\\partial L / \\partial a`` differentiates the loss in ``a`` and
``\\partial a / \\partial z`` the sigmoid in ``z``.
"""

import re

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.parsing.latex.lark import LarkLaTeXParser, TransformToSymPyExpr


class Unreadable(ValueError):
    """The chapter's LaTeX uses something the parser cannot read."""


def _balanced(text, start):
    """The end (exclusive) of the group opening at ``text[start]``, one of ( { [."""
    pairs = {"(": ")", "{": "}", "[": "]"}
    opening = text[start]
    closing = pairs[opening]
    depth = 0
    for i in range(start, len(text)):
        if text[i] == opening:
            depth += 1
        elif text[i] == closing:
            depth -= 1
            if depth == 0:
                return i + 1
    raise Unreadable(f"unbalanced {opening} in {text!r}")


def _is_function(name):
    return name.startswith("F_{") or name in (r"\max", r"\min") or re.fullmatch(r"[fg]'*", name) is not None


_NAME = re.compile(r"F_\{\w+\}|\\[a-zA-Z]+|[a-zA-Z]")
_SUBSCRIPT = re.compile(r"_(\{[^{}]*\}|\\?[a-zA-Z0-9]+)")
_OPERATOR = re.compile(r"\\(ln|exp|tanh)(?![a-zA-Z])(\^\{?\d\}?)?|\\log_(\{[^{}]*\}|[a-zA-Z])")
_DERIVATIVE = re.compile(r"\\frac\{d\}\{d ?([^{}]*(?:\{[^{}]*\})?[^{}]*)\}")


class _Products:
    """One side rewritten factor by factor, so that the lark grammar reads it one way.

    Juxtaposed factors get an explicit ``\\cdot`` (the grammar accepts
    ``(1 - y) \\ln a`` only as that); a function's argument is braced
    (``\\ln a + b`` is ln(a) + b, ``\\ln a^{y}`` is ln(a^y)); a derivative
    ``\\frac{d}{dz} X``, a sum ``\\sum_{i=1}^{m} X`` and a function of a sum take
    the product X that follows, up to the next + or - (as a reader does).
    """

    def __init__(self, text):
        self.text = text

    def side(self, start=0, end=None):
        text, end = self.text, len(self.text) if end is None else end
        out, i, previous = [], start, False
        while i < end:
            if text[i] == " ":
                i += 1
                continue
            operator = re.compile(r"[-+=,/]|\\cdot(?![a-zA-Z])|\\times(?![a-zA-Z])").match(text, i)
            if operator:
                out.append(" " + operator.group() + " ")
                i, previous = operator.end(), False
                continue
            factor, i = self.factor(i, end)
            out.append((r" \cdot " if previous else "") + factor)
            previous = True
        return "".join(out)

    def term_end(self, i, end):
        """The end of the product starting at i: the next top-level + - = , or the end."""
        text = self.text
        j = i
        while j < end:
            if text[j] in "({[":
                j = _balanced(text, j)
                continue
            if text[j] in "+-=," and text[i:j].strip():
                return j
            j += 1
        return j

    def factor(self, i, end):
        text = self.text
        derivative = _DERIVATIVE.match(text, i)
        if derivative:
            stop = self.term_end(derivative.end(), end)
            body = self.side(derivative.end(), stop)
            return r"{\frac{d}{d%s}{%s}}" % (derivative.group(1).strip(), body), stop
        operator = _OPERATOR.match(text, i)
        if operator:
            j = operator.end()
            while text[j] == " ":
                j += 1
            if text.startswith((r"\sum", r"\prod"), j):
                stop = self.term_end(j, end)
                argument = self.side(j, stop)
            else:
                argument, stop = self.factor(j, end)
            name, power, base = operator.group(1), operator.group(2), operator.group(3)
            if base is not None:
                return r"{\frac{\ln{%s}}{\ln{%s}}}" % (argument, base.strip("{}")), stop
            if power:
                return r"{(\%s{%s})^{%s}}" % (name, argument, power.strip("^{}")), stop
            return r"{\%s{%s}}" % (name, argument), stop
        if text.startswith((r"\sum", r"\prod"), i):
            j = i + 4 + text.startswith(r"\prod", i)
            scripts = []
            while text[j] in "_^":
                close = _balanced(text, j + 1) if text[j + 1] == "{" else j + 2
                scripts.append(text[j:close])
                j = close
            stop = self.term_end(j, end)
            return r"{%s%s{%s}}" % (
                text[i : i + 4 + text.startswith(r"\prod", i)],
                "".join(scripts),
                self.side(j, stop),
            ), stop
        if text.startswith(r"\frac", i):
            j = i + 5
            while text[j] == " ":
                j += 1
            numerator_end = _balanced(text, j)
            denominator_end = _balanced(text, numerator_end)
            numerator = self.side(j + 1, numerator_end - 1)
            denominator = self.side(numerator_end + 1, denominator_end - 1)
            return self.scripts(r"\frac{%s}{%s}" % (numerator, denominator), denominator_end, end)
        if text.startswith(r"\sqrt", i):
            close = _balanced(text, i + 5)
            return self.scripts(r"\sqrt{%s}" % self.side(i + 6, close - 1), close, end)
        if text[i] in "({[":
            close = _balanced(text, i)
            opening, closing = ("(", ")") if text[i] == "[" else (text[i], text[close - 1])
            return self.scripts(opening + self.side(i + 1, close - 1) + closing, close, end)
        if text[i] == "|":
            close = text.index("|", i + 1)
            return self.scripts("|" + self.side(i + 1, close) + "|", close + 1, end)
        number = re.compile(r"\d+(\.\d+)?").match(text, i)
        if number:
            return self.scripts(number.group(), number.end(), end)
        name = _NAME.match(text, i)
        if not name:
            raise Unreadable(f"cannot read {text[i:end]!r}")
        j = name.end()
        subscript = _SUBSCRIPT.match(text, j)
        if subscript:
            j = subscript.end()
        while j < end and text[j] == "'":
            j += 1
        written = text[i:j]
        k = j
        while k < end and text[k] == " ":
            k += 1
        if k < end and text[k] == "(" and _is_function(written):
            j, close = k, _balanced(text, k)
            return self.scripts(written + "(" + self.side(j + 1, close - 1) + ")", close, end)
        return self.scripts(written, j, end)

    def scripts(self, factor, j, end):
        """``factor`` with the superscripts that follow it at ``j``."""
        text = self.text
        while j < end and text[j] == "^":
            if text[j + 1] == "{":
                close = _balanced(text, j + 1)
                factor += "^{" + self.side(j + 2, close - 1) + "}"
            else:
                piece = re.compile(r"\\[a-zA-Z]+|.").match(text, j + 1)
                close = piece.end()
                factor += "^{" + piece.group() + "}"
            j = close
        return factor, j


# What the grammar (or a scalar reading) cannot express, with the reason given.
_BEYOND = [
    (r"\\begin\{[bp]?matrix\}", "a matrix or vector written out entry by entry"),
    (r"\\begin\{cases\}", "cases"),
    (r"\\top\b", "a transpose: the sides are vectors or matrices"),
    (r"\^\{\([^i]", "examples written one by one, (1), (2), ..."),
    (r"\\lVert", "a norm"),
    (r"\\mid\b", "a conditional probability"),
    (r"\\nabla", "a Hessian"),
    (r"\\[cv]?dots\b", "an elided list (dots)"),
    (r"(?<![a-zA-Z\\])O\(", "a Landau O term"),
    (r"\\hat\b", "a hat accent (an estimate)"),
    (r"\\mathbf\{1\}", "an indicator function"),
    (r"\\ast\b", "a starred optimum"),
    (r"\\in\b", "a sum over a set"),
]


def preprocess(latex):
    """The LaTeX of an equation as a list of sides the lark grammar reads unambiguously.

    Spacing, sizing and punctuation go (``\\,``, ``\\quad``, ``\\big``,
    ``\\left``/``\\right``, ``\\text{...}``, a final comma or full stop, a
    trailing condition ``\\qquad (x > 0)``); ``aligned``/``split`` lose their
    ``&`` and ``\\\\``; the chain is split at every top-level ``=``. Names the
    grammar lacks become ``F_{name}``: ``\\sigma`` (``F_{sigma}``, ``\\sigma'``
    ``F_{dsigma}``), ``\\mathcal{L}`` (``F_{L}``, with a subscript
    ``F_{Lbeta}``), the gradient names ``dz``, ``dw_j`` (``F_{dz}``,
    ``F_{dwUj}``), example i's ``x^{(i)}_j`` (``F_{xjEXi}``), chapter 6's
    ``E^{+}`` and ``h^{0}_{\\ast}`` (``F_{Eplus}``, ``F_{hzerostar}``); ``\\partial``
    is ``d``, ``e`` is Euler's number. Then ``_Products`` makes every product
    explicit and gives every function, sum and derivative its argument in
    braces. What a scalar reading cannot express (``_BEYOND``: vectors and
    matrices, norms, cases, O-terms) raises ``Unreadable`` with the reason.
    """
    text = " ".join(latex.split())
    # E^{+}, h^{0}_{\ast}: chapter 6's forward and central errors and best steps, one name each
    text = re.sub(r"\b([a-zA-Z])\^\{([+0])\}(_\{\\ast\})?", _marked_name, text)
    for pattern, reason in _BEYOND:
        if re.search(pattern, text):
            raise Unreadable(reason)
    text = re.sub(r"\\(begin|end)\{(aligned|split)\}", " ", text)
    text = text.replace("&", " ").replace(r"\\", " ")
    text = re.sub(r"\\(qquad|quad)\s*\((?:[^()]|\([^()]*\))*\)\s*[,.]?\s*$", "", text)  # (x > 0)
    text = re.sub(r"\\(qquad|quad)\s*\\text\{with \}.*$", "", text)
    text = re.sub(r"\\text\{[^}]*\}", " ", text)
    text = re.sub(r"\\[Bb]igg?[lr]?(?![a-zA-Z])|\\left|\\right|\\[,;:!]|\\q?quad|\\ ", " ", text)
    text = re.sub(r"\s*[.,]\s*$", "", text)
    text = re.sub(r"\\tfrac|\\dfrac", r"\\frac", text)
    text = re.sub(r"\\frac(\d)(\d)", r"\\frac{\1}{\2}", text)
    text = re.sub(r"\\lvert|\\rvert", "|", text)
    text = text.replace(r"\partial", "d")
    text = re.sub(r"\\operatorname\{(\w+)\}", r"F_{\1}", text)
    text = re.sub(r"\\mathcal\{(\w)\}_\\?(\w+)", r"F_{\1\2}", text)
    text = re.sub(r"\\mathcal\{(\w)\}", r"F_{\1}", text)
    text = re.sub(r"\\sigma'", "F_{dsigma}", text)
    text = re.sub(r"\\sigma\b", "F_{sigma}", text)
    text = re.sub(r"(?<![\\a-zA-Z{])d([a-zA-Z])(?:_\{?\\?(\w+)\}?)?(?![a-zA-Z])", _gradient_name, text)
    text = re.sub(r"(?<![\\a-zA-Z])e\^", r"E^", text)
    # x^{(i)}_j: example i's feature j, one name for the grammar (plain_name gives back x_j^(i))
    text = re.sub(r"(?:F_\{(\w+)\}|\b([a-zA-Z]))\^\{\(i\)\}(?:_\{?([a-zA-Z])\}?)?", _example_name, text)
    sides = _split_top_level(text, "=")
    return [" ".join(_Products(_derivative_fractions(side)).side().split()) for side in sides]


def _derivative_fractions(text):
    r"""``\frac{d X}{d v}`` as ``{\frac{d}{dv}{X}}``, ``\frac{d^2 X}{d v^2}`` as two of them."""
    out, i = [], 0
    pattern = re.compile(r"\\frac\{d(\^2)?(?=[ {}])")
    while True:
        match = pattern.search(text, i)
        if not match:
            out.append(text[i:])
            return "".join(out)
        numerator_end = _balanced(text, match.start() + 5)
        denominator_end = _balanced(text, numerator_end)
        numerator = text[match.end() : numerator_end - 1].strip()
        variable = text[numerator_end + 1 : denominator_end - 1].strip()
        variable = re.sub(r"^d\s*", "", variable)
        out.append(text[i : match.start()])
        twice = match.group(1) is not None
        if twice:
            variable = re.sub(r"\^2$", "", variable.strip())
        if numerator:
            inner = r"{\frac{d}{d%s}{%s}}" % (variable, numerator)
            out.append(r"{\frac{d}{d%s}%s}" % (variable, inner) if twice else inner)
        else:
            out.append(r"\frac{d}{d%s}\frac{d}{d%s}" % (variable, variable) if twice else r"\frac{d}{d%s}" % variable)
        i = denominator_end


def _marked_name(match):
    letter, mark, star = match.groups()
    return f"F_{{{letter}{'plus' if mark == '+' else 'zero'}{'star' if star else ''}}}"


def _example_name(match):
    base = match.group(1) or match.group(2)
    return f"F_{{{base}{match.group(3) or ''}EX{'i'}}}"


def _gradient_name(match):
    letter, subscript = match.group(1), match.group(2) or ""
    if match.string[max(0, match.start() - 7) : match.start()].endswith(("{d}{", "\\frac{")):
        return match.group(0)
    return f"F_{{d{letter}U{subscript}}}" if subscript else f"F_{{d{letter}}}"  # U: an underscore


def _split_top_level(text, separator):
    sides, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
        elif ch == separator and depth == 0:
            sides.append(text[start:i])
            start = i + 1
    sides.append(text[start:])
    return sides


class _Resolving(TransformToSymPyExpr):
    """sympy's transformer, which also decides between two readings of one phrase.

    A name applied to a bracket is a function only if it is one of the
    course's functions (``F_{...}``, f, g); otherwise it is a product. Any
    other ambiguity is reported rather than guessed.
    """

    def _ambig(self, readings):
        readings = [r for r in readings if not isinstance(r, (tuple, str))]
        plausible = [r for r in readings if _uses_only_known_functions(r)]
        if not plausible:
            raise Unreadable(f"no reading uses only the course's functions: {readings}")
        fewest = min(len(r.free_symbols) for r in plausible)  # tan(h z) is not tanh z
        plausible = [r for r in plausible if len(r.free_symbols) == fewest]
        functional = [r for r in plausible if _function_count(r) == max(map(_function_count, plausible))]
        distinct = []
        for r in functional:
            if not any(sp.srepr(r) == sp.srepr(d) for d in distinct):
                distinct.append(r)
        if len(distinct) > 1:
            raise Unreadable(f"ambiguous: {distinct}")
        return distinct[0]


def _functions(expression):
    if not isinstance(expression, sp.Basic):
        return set()
    return {f for f in expression.atoms(AppliedUndef)}


def _uses_only_known_functions(expression):
    return all(_is_function(str(f.func)) for f in _functions(expression))


def _function_count(expression):
    return sum(isinstance(e, AppliedUndef) for e in sp.preorder_traversal(expression))


_PARSER = LarkLaTeXParser(transformer=_Resolving)


def parse_side(text):
    """One side, preprocessed, as a sympy expression (sympy's lark LaTeX parser)."""
    try:
        expression = _PARSER.doparse(text)
    except Unreadable:
        raise
    except Exception as error:
        if isinstance(getattr(error, "orig_exc", None), Unreadable):
            raise error.orig_exc from None  # the grammar's own errors, of several lark types
        raise Unreadable(f"{type(error).__name__}: {str(error).splitlines()[0]}") from None
    if not isinstance(expression, sp.Basic) or isinstance(expression, sp.MatrixBase):
        raise Unreadable(f"not a scalar expression: {expression!r}")
    return expression


def sides(latex):
    """The sides of the chapter's equation ``latex``, each a sympy expression."""
    return [parse_side(side) for side in preprocess(latex)]


# Meaning: names, functions, derivatives.


def plain_name(name):
    """``x_{1}`` -> ``x_1``, ``F_{sigma}`` -> ``sigma``, ``F_{dwUj}`` -> ``dw_j``, ``F_{xjEXi}`` -> ``x_j^(i)``."""
    example = re.fullmatch(r"F_\{(d?[a-zA-Z])([a-zA-Z]?)EX([a-zA-Z])\}", name)
    if example:
        base, feature, index = example.groups()
        return f"{base}{'_' + feature if feature else ''}^({index})"
    name = re.sub(r"^F_\{d([a-zA-Z])U(\w+)\}$", r"d\1_\2", name)
    name = re.sub(r"^F_\{(.*)\}$", r"\1", name)
    return re.sub(r"_\{(.*)\}$", r"_\1", name)


def _at_index(name, index, value):
    """The plain name ``name`` with the index ``index`` set to ``value``.

    a^(i) -> a^(2), p_i -> p_2, and in a subscript of index letters each one:
    delta_jk -> delta_12 (j = 1, k = 2, one at a time).
    """
    name = plain_name(name)
    name = name.replace(f"^({index})", f"^({value})")

    def subscript(match):
        return "_" + match.group(1).replace(index, str(value))

    return re.sub(r"_([a-z0-9]+)(?=$|\^)", lambda m: subscript(m) if index in m.group(1) else m.group(0), name)


def at_indices(expression, values):
    """``expression`` (as parsed) with each index name set to its value: {"j": 1, "k": 2}."""
    for index, value in values.items():
        renamed = {}
        for s in expression.atoms(sp.Symbol):  # derivatives' variables too
            if plain_name(s.name) == index:
                renamed[s] = sp.Integer(value)
            elif _at_index(s.name, index, value) != plain_name(s.name):
                renamed[s] = sp.Symbol(_at_index(s.name, index, value))
        expression = expression.xreplace(renamed)
    return expression


def _sigma(u):
    return 1 / (1 + sp.exp(-u))


def _sigma_prime(u):
    return _sigma(u) * (1 - _sigma(u))


FUNCTIONS = {"sigma": _sigma, "dsigma": _sigma_prime}  # the book's own, everywhere


def evaluate(expression, where, like):
    """``expression`` with every name given its meaning, derivatives taken in order.

    ``where`` maps names to definitions (expressions in the check's symbols;
    a name mapped to its own symbol is an independent variable) or, under
    ``"name()"``, to the function a written ``name(...)`` applies; ``like`` is the check's sides, whose symbols
    the chapter's names become.
    """
    symbols = {"E": sp.E}
    for side in like:
        for s in sp.sympify(side).free_symbols:
            symbols.setdefault(s.name, s)
    definitions = {}
    functions = dict(FUNCTIONS)
    for name, meaning in where.items():
        if callable(meaning) and not isinstance(meaning, sp.Basic):
            functions[name.removesuffix("()")] = meaning
        else:
            definitions[name] = sp.sympify(meaning)
            if isinstance(definitions[name], sp.Symbol) and definitions[name].name == name:
                del definitions[name]  # an independent variable here
                symbols[name] = meaning
                continue
            for s in definitions[name].free_symbols:
                symbols.setdefault(s.name, s)

    def rename(e):
        e = e.replace(lambda x: isinstance(x, AppliedUndef), lambda x: _apply(x, functions))
        return e.xreplace(
            {s: symbols.get(plain_name(s.name), sp.Symbol(plain_name(s.name), real=True)) for s in e.free_symbols}
        )

    def expand(e, keep=None):
        for _ in range(30):
            bound = {s: definitions[s.name] for s in e.free_symbols if s.name in definitions and s.name != keep}
            if not bound:
                return e
            e = e.xreplace(bound)
        raise Unreadable("circular definitions in where")

    def meaning(e):
        if isinstance(e, sp.Derivative):
            inner = meaning(e.expr)
            for variable, count in e.variable_count:
                v = rename(variable)
                if isinstance(definitions.get(v.name), sp.Symbol):
                    v = definitions[v.name]  # another name for a variable (w_j for w_2)
                if not isinstance(v, sp.Symbol):
                    raise Unreadable(f"a derivative with respect to {v}")
                inner = sp.diff(expand(inner, keep=v.name), v, count)
            return inner
        if isinstance(e, (sp.Sum, sp.Product)) and len(e.limits) == 1:
            index, low, high = e.limits[0]
            low, high = expand(meaning(low)), expand(meaning(high))
            if not (low.is_Integer and high.is_Integer):
                raise Unreadable(f"a {type(e).__name__} from {low} to {high}: give its bound a number in where")
            terms = []
            for value in range(int(low), int(high) + 1):
                at = {
                    s: sp.Symbol(_at_index(s.name, index.name, value))
                    for s in e.function.atoms(sp.Symbol)
                    if s != index
                }
                terms.append(meaning(e.function.xreplace(at).xreplace({index: sp.Integer(value)})))
            return sp.Add(*terms) if isinstance(e, sp.Sum) else sp.Mul(*terms)
        if not e.args:
            return rename(e) if isinstance(e, sp.Symbol) else e
        if isinstance(e, AppliedUndef):
            return _apply(e.func(*[meaning(a) for a in e.args]), functions)
        return e.func(*[meaning(a) for a in e.args])

    return expand(meaning(expression)).doit()


def _apply(applied, functions):
    name = plain_name(str(applied.func))
    if name in functions:
        return functions[name](*applied.args)
    raise Unreadable(f"the function {name} has no meaning in where")


def where_for(label):
    """The names' meanings for ``label``: its module's ``WHERE``, then the check's own ``where``."""
    import sys

    from tests.derivations import WHERE

    module, own = WHERE[label]
    return {**getattr(sys.modules[module], "WHERE", {}), **own}


def meanings(label, chapter_latex, checked=None):
    """The sides of the chapter's equation ``label``, each with its names given their meaning."""
    from tests.derivations import CHECKS

    written = sides(chapter_latex)  # first: an unreadable equation fails fast
    if checked is None:
        checked = [sp.sympify(side) for side in CHECKS[label][1]()]
    where = where_for(label)
    # an equation for every index, checked as sum_e c_e (entry e): [({"j": 1}, c_1), ...]
    contraction = where.pop("contract", None)
    if contraction:
        return [
            sum(weight * evaluate(at_indices(text, at), where, checked) for at, weight in contraction)
            for text in written
        ]
    return [evaluate(text, where, checked) for text in written]


def tie(label, chapter_latex):
    """Why the chapter's equation ``label`` differs from its check's sides, or None if every side agrees.

    Raises ``Unreadable`` when the chapter's LaTeX cannot be read.
    """
    from tests.derivations import CHECKS
    from tests.derivations.equality import difference_vanishes

    sides(chapter_latex)  # first: an unreadable equation fails fast
    checked = [sp.sympify(side) for side in CHECKS[label][1]()]
    written = meanings(label, chapter_latex, checked)
    if len(written) != len(checked):
        return f"({label}): the chapter writes {len(written)} sides, the check returns {len(checked)}"
    for i, (meaning, side) in enumerate(zip(written, checked)):
        try:
            equal = difference_vanishes(meaning, side)
        except (TypeError, ValueError) as error:
            raise Unreadable(f"side {i + 1} cannot be compared: {error}") from None
        if not equal:
            return f"({label}): side {i + 1} as the chapter writes it is {meaning}, its check says {side}"
    return None
