"""Checks for the exercises' test cells. numpy only: this file is copied into every
chapter notebook, so the visible tests run in plain Jupyter or Colab.

Every check raises ``CheckFailed`` with one plain sentence saying what is wrong
and, when a known mistake explains the numbers, which one. An exception in the
student's own code becomes such a sentence too: what was raised, where, and the
likely cause. The sentences are the same in the student's kernel, on any NumPy
from 1.26 on, and in the grader, where the error crossed from the sandbox.

In the student's notebook each test cell's code runs inside ``reported(...)``:
a failure is printed in full on stderr (which nbgrader counts as a failed
test) instead of stopping "Run All", so every later exercise still runs.
The other cells that use the student's functions (examples, figures) run
inside ``keep_going()``, which prints such a cell's error as a sentence on
stderr and lets the notebook go on too.

The sentences are in the notebook's language: ``MESSAGES`` is that language's
catalog (English to translation), filled in where a translated notebook is
made (``chapterkit.i18n``) and by the grader from the submission's metadata.
The kit's own sentences are templates marked ``_words("...")``; a sentence a test
cell writes (``CheckFailed(f"...")``, a ``mistakes`` key) is matched against
the catalog's templates. A sentence with no translation stays English and is
counted in ``UNTRANSLATED``.
"""

import contextlib
import dis
import io
import re
import sys
import traceback
import warnings
from contextlib import contextmanager

import numpy as np

MESSAGES = {}  # {English template: translation}; empty in the English notebook
UNTRANSLATED = set()  # English sentences shown for want of a translation


def _words(template):
    """The kit's own sentence ``template`` (with ``{named}`` fields) in the notebook's language.

    Not ``_``, gettext's usual name: the kit's names are the notebook's, where
    ``_`` is IPython's last result and chapter code's throwaway (``_, cost = ...``).
    """
    if not MESSAGES:
        return template
    if template not in MESSAGES:
        UNTRANSLATED.add(template)
    return MESSAGES.get(template, template)


_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_PROSE = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}")
_patterns = {}


def translated(text):
    """A sentence a test cell wrote, in the notebook's language, by the catalog's templates.

    The values a template's ``{placeholders}`` matched are translated in turn
    (a name like "sigmoid of an array of shape (3,)" inside a sentence).
    """
    if not MESSAGES or not isinstance(text, str):
        return text
    found = _translate(text)
    if found is None:
        if _PROSE.search(text):
            UNTRANSLATED.add(text)
        return text
    return found


def _translate(text, messages=None):
    """``text`` translated by ``messages`` (default ``MESSAGES``), exactly or by a ``{placeholder}`` template; or None."""
    messages = MESSAGES if messages is None else messages
    if text in messages:
        return messages[text]
    for template, translation in messages.items():
        pattern = _patterns.get(template)
        if pattern is None:
            fields = _PLACEHOLDER.findall(template)
            literal = [re.escape(part.replace("{{", "{").replace("}}", "}")) for part in _PLACEHOLDER.split(template)]
            pattern = _patterns[template] = (
                (re.compile("(.*?)".join(literal) + "$", re.DOTALL), fields) if fields else None
            )
        if pattern is None:
            continue
        match = pattern[0].match(text)
        if match:
            for field, value in zip(pattern[1], match.groups()):
                inner = _translate(value.strip(), messages)
                translation = translation.replace(field, value if inner is None else inner, 1)
            return translation.replace("{{", "{").replace("}}", "}")
    return None


class CheckFailed(AssertionError):
    """A test found a wrong answer; the message says what to look at, in the notebook's language."""

    def __init__(self, message="", *args):
        super().__init__(translated(message), *args)


def call(function, *args, **kwargs):
    """Run a student's function with warnings silenced; turn an error in it into a sentence.

    A correct but naive sigmoid warns about overflow for large |z|; nbgrader
    counts anything on stderr as a failure, and a warning is not a wrong answer.
    One warning is an error, though: ``float()`` of an array that is not 0-d only
    warns on NumPy < 2.4 but raises on the NumPy the grader runs, so it fails here too.
    The original exception stays on the failure as ``.error``.
    """
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        warnings.filterwarnings(
            "error", message="Conversion of an array with ndim > 0 to a scalar", category=DeprecationWarning
        )
        try:
            return function(*args, **kwargs)
        except CheckFailed:
            raise
        except Exception as error:
            failure = _sentence(_explain(function, error))
            failure.error = error
            raise failure from None


def raised(failure, kind):
    """Did the student's code (run through ``call``) raise an exception of this kind?"""
    error = getattr(failure, "error", None)
    return isinstance(error, kind) or getattr(error, "remote_type", None) == kind.__name__


def _explain(function, error):
    kind = getattr(error, "remote_type", None) or type(error).__name__
    message = str(error)
    if getattr(error, "remote_type", None) and message.startswith(f"{kind}: "):
        message = message[len(kind) + 2 :]  # a non-builtin error (NumPy's UFuncTypeError) crosses as "Type: message"
    where = _student_frame(error)
    called = getattr(function, "name", None) or getattr(function, "__name__", None) or "your function"
    place = ""
    if where and where[0] != called:
        place = _words(" in `{function}` (line {line} of its cell)").format(function=where[0], line=where[1])
    elif where:
        place = _words(" at line {line} of its cell").format(line=where[1])
    if _float_of_array(message):  # NumPy 2.4 raises TypeError, older ones warn: one sentence for both
        return _words(
            "Your `{called}` called float() or int() on an array that is not 0-d{place} "
            "(a (1, 1) result of np.dot, say). NumPy 2.4 refuses that, and older NumPy only warns. "
            "Use .item() to take the single number out of an array."
        ).format(called=called, place=place)
    detail = f": {message.rstrip()}" if message.strip() else ""
    end = "" if (detail or place or kind).endswith((".", "!", "?")) else _words(".")
    sentence = _words("Your `{called}` raised {kind}{place}{detail}{end}").format(
        called=called, kind=kind, place=place, detail=detail, end=end
    )
    hint = _hint(kind, message)
    return sentence + (f" {hint}" if hint else "")


def _float_of_array(message):
    return any(
        text in message
        for text in (
            "0-dimensional arrays can be converted",
            "length-1 arrays can be converted",
            "Conversion of an array with ndim > 0 to a scalar",
        )
    )


_FRAME = re.compile(r'File "<cell[^"]*>", line (\d+), in (\S+)')


def _student_frame(error):
    """(function, line) of the innermost frame in the student's code, or None."""
    remote = getattr(error, "remote_traceback", None)
    if remote is not None:  # the grader: the sandbox sent only the student's frames
        frames = [(name, int(line)) for line, name in _FRAME.findall(remote)]
    else:
        frames = [
            (f.name, f.lineno) for f in traceback.extract_tb(error.__traceback__)[1:] if _is_student_file(f.filename)
        ]
    return frames[-1] if frames else None


def _is_student_file(filename):
    # Notebook cells run from files named after the kernel (ipykernel_..., <ipython-input-...>), never from a library.
    return not filename.startswith((sys.prefix, sys.base_prefix, "<frozen")) and "site-packages" not in filename


def _hint(kind, message):
    if kind == "NotImplementedError":
        return _words(
            "Likely cause: that function is not written yet; replace `raise NotImplementedError()` with your code "
            "(a function from an earlier chapter: paste your working version into its cell)."
        )
    if kind == "NameError":
        name = re.search(r"name '(\w+)' is not defined", message)
        if name:
            return _words(
                "Likely cause: `{name}` is not defined: run the cell that defines it first, "
                "or paste it from the chapter it comes from."
            ).format(name=name.group(1))
    if kind == "KeyError":
        return _words(
            "Likely cause: a function was given its arguments in the wrong order, or a dictionary lacks a key; "
            "check the order of the arguments against the function's definition."
        )
    if kind == "ZeroDivisionError":
        return _words("Likely cause: a division by a number that rounded to 0 (1 - a when a is 1.0, say).")
    return ""


def expected_number(value):
    """A quantity the contract says is one number, as a float for comparing values.

    Its type is judged by one test of its own; the value tests use this, so that
    one slip (a 0-d or a one-element array) costs points only once.
    """
    array = np.asarray(value)
    return array.reshape(()).item() if array.size == 1 and array.dtype.kind in "biuf" else value


@contextmanager
def replaced(**names):
    """Run the body with some of the notebook's names bound to other values, then restore them.

    Tests use it to judge one exercise alone: ``with replaced(propagate=stand_in):``
    makes the student's ``optimize`` call the stand-in instead of their own
    ``propagate``. Go through this function rather than ``globals()``: the
    grading engine runs student code in another process and implements it there.
    """
    notebook = globals()  # this file runs as a notebook cell, so these are the notebook's names
    missing = object()
    saved = {name: notebook.get(name, missing) for name in names}
    notebook.update(names)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is missing:
                notebook.pop(name, None)
            else:
                notebook[name] = value


@contextmanager
def reported(grade_id, points):
    """Run a test cell's code; print its failure in full on stderr and let the notebook go on.

    Every Jupyter runs the next cell after this one, Colab and VS Code too,
    which ignore the ``raises-exception`` tag. nbgrader counts a test cell
    with anything on stderr as failed, so a test still scores 0 when it fails.
    The grader runs the same code with a ``reported`` of its own, which lets
    the error through: it decides there, not from what the notebook printed.
    """
    try:
        yield
    except Exception as error:  # a stop (KeyboardInterrupt) still stops
        print(_verdict("FAIL", grade_id, points, f"{type(error).__name__}: {error}"), file=sys.stderr)


class keep_going:  # noqa: N801 (read in the notebook as a phrase: `with keep_going():`)
    """Run an example or figure cell; if it fails, say why on stderr and let the notebook go on.

    Every Jupyter then runs the next cell, Colab and VS Code too. The error is
    named as ``call`` names a student's: what was raised, where, the likely
    cause. A later cell that needs a name this one was to define says so,
    instead of a bare NameError. The grader runs these cells with a
    ``keep_going`` that lets the error through, as if the cell had none.
    """

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace):
        if kind is None or not issubclass(kind, Exception):  # a stop (KeyboardInterrupt) still stops
            return False
        cell = trace.tb_frame  # the cell's own code: the `with` is at its top level
        print(_stopped(error, trace, cell), file=sys.stderr)
        defined = {**cell.f_globals, **cell.f_locals}
        _UNFINISHED.update(name for name in _stored_names(cell.f_code) if name not in defined)
        return True


_UNFINISHED = set()  # names that a cell which failed was to define


def _stored_names(code):
    return {
        instruction.argval
        for instruction in dis.get_instructions(code)
        if instruction.opname in ("STORE_NAME", "STORE_GLOBAL")
    }


def _stopped(error, trace, cell):
    """The sentence for an example cell that raised: what, where, the likely cause."""
    line = trace.tb_lineno  # the traceback starts at the cell's own frame
    kind, message = type(error).__name__, str(error).rstrip()
    name = getattr(error, "name", None) if isinstance(error, NameError) else None
    going_on = _words("The notebook goes on with the next cell.")
    if name in _UNFINISHED:
        return (
            _words(
                "This cell stopped at line {line}: it needs `{name}` from an earlier cell, which failed "
                "(its message is printed under it). Fix that cell first, then run it and the cells after it again."
            ).format(line=line, name=name)
            + " "
            + going_on
        )
    inner = [frame for frame in traceback.extract_tb(trace)[1:] if _is_student_file(frame.filename)]
    where = inner[-1].name if inner else None  # the innermost function of the notebook's, if any
    detail = f": {message}" if message else ""
    if isinstance(error, CheckFailed):
        sentence = _words("This cell stopped at line {line}: {message}").format(line=line, message=message)
    elif where is None:
        sentence = _words("This cell stopped at line {line}: it raised {kind}{detail}").format(
            line=line, kind=kind, detail=detail
        )
    else:
        sentence = _words(
            "This cell stopped at line {line}: `{function}` raised {kind} at line {number} of its cell{detail}"
        ).format(line=line, function=where, kind=kind, number=inner[-1].lineno, detail=detail)
    sentence += "" if sentence.endswith((".", "!", "?", "。")) else _words(".")
    hint = _hint(kind, message) or _cell_hint(kind, message, where)
    return sentence + (f" {hint}" if hint else "") + " " + going_on


def _cell_hint(kind, message, where):
    if kind == "TypeError" and "unsupported format string passed to numpy.ndarray" in message:
        return _words(
            "Likely cause: a value this line prints as a number is an array: one of your functions returns "
            "an array where its exercise asks for a single number."
        )
    if where is None and kind in ("TypeError", "ValueError", "IndexError", "KeyError", "AttributeError"):
        return _words(
            "Likely cause: one of your functions that this cell uses returns something other than what its "
            "exercise asks for (a shape, a type, a dictionary's keys); its tests above say which."
        )
    return ""


def _verdict(verdict, grade_id, points, message=""):
    score = (_words("({earned} of {points} point)") if points == 1 else _words("({earned} of {points} points)")).format(
        earned=points if verdict == "PASS" else 0, points=points
    )
    lines = [f"{verdict}  {grade_id}  {score}"]
    lines += [f"      {line}" for line in message.strip().splitlines()]
    return "\n".join(lines)


def check_all(tests, namespace=None):
    """Run every visible test again and print each verdict in full; never stop at a failure.

    ``tests`` lists (grade_id, points, source) as the notebook's last cell gives
    them. This is the whole self-check on any Jupyter, Colab included: the
    hidden tests, run when the work is graded, use other inputs.
    """
    namespace = globals() if namespace is None else namespace  # the notebook's names, as in ``replaced``
    earned = total = 0
    for grade_id, points, source in tests:
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                exec(compile(source, f"<{grade_id}>", "exec"), namespace)
        except Exception as error:  # one failing test must not hide the next one
            verdict, message = (
                "FAIL",
                str(error) if isinstance(error, CheckFailed) else f"{type(error).__name__}: {error}",
            )
        else:
            verdict, message = "PASS", ""
            earned += points
        total += points
        print(_verdict(verdict, grade_id, points, message + "\n" + printed.getvalue()))
    print(
        _words("Visible tests: {earned} of {total} points. Graded work also runs hidden tests on other inputs.").format(
            earned=earned, total=total
        )
    )
    if UNTRANSLATED:
        print(
            _words("({count} of the sentences above are in English: they have no translation yet.)").format(
                count=len(UNTRANSLATED)
            )
        )


def expect_shape(name, value, shape):
    actual = np.shape(value)
    if actual != tuple(shape):
        hint = ""
        if actual == tuple(reversed(shape)):
            hint = _words(" It looks transposed.")
        elif np.size(value) == int(np.prod(shape)):
            hint = _words(" It has the right number of entries in the wrong shape; check your reshape or transpose.")
        raise _failed(
            _words("{name} should have shape {shape}, but it has shape {actual}.{hint}"),
            name=name,
            shape=tuple(shape),
            actual=actual,
            hint=hint,
        )


def expect_scalar(name, value):
    """A Python float or a numpy scalar (an array of one number is not)."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        raise _failed(
            _words(
                "{name} should be a single number (a float), but it is a 0-d NumPy array: it prints like a number, "
                "but it is an array. Use .item() (or float(...) of the 0-d array) to turn it into a number."
            ),
            name=name,
        )
    if isinstance(value, np.ndarray) or not np.isscalar(value) or isinstance(value, (bool, str)):
        raise _failed(
            _words(
                "{name} should be a single number (a float), but it is {kind}{shape}. Use .item() to take the "
                "number out of a one-element array (float() of such an array fails on NumPy 2.4)."
            ),
            name=name,
            kind=type(value).__name__,
            shape=_words(" of shape {shape}").format(shape=np.shape(value)) if isinstance(value, np.ndarray) else "",
        )


def expect_close(name, got, expected, rtol=1e-7, atol=1e-10, mistakes=None):
    """``got`` equals ``expected`` to tolerance, or the failure names the closest known mistake.

    ``mistakes`` maps a one-sentence explanation to the value that mistake produces.
    """
    got_array = _numbers(name, got)
    expected_array = np.asarray(expected, dtype=np.float64)
    if got_array.shape == expected_array.shape and np.allclose(got_array, expected_array, rtol=rtol, atol=atol):
        return
    for explanation, wrong in (mistakes or {}).items():
        wrong_array = np.asarray(wrong, dtype=np.float64)
        if got_array.shape == wrong_array.shape and np.allclose(got_array, wrong_array, rtol=rtol, atol=atol):
            raise _failed(
                _words("{name} is not right. Likely mistake: {explanation}"),
                name=name,
                explanation=translated(explanation),
            )
    if got_array.shape != expected_array.shape:
        expect_shape(name, got, expected_array.shape)
    if not np.all(np.isfinite(got_array)):
        raise _failed(_words("{name} contains nan or inf; look for a log of 0 or an exp that overflows."), name=name)
    raise _failed(
        _words("{name} has the right shape but the wrong values: expected {expected}, got {got}."),
        name=name,
        expected=_show(expected_array),
        got=_show(got_array),
    )


def going_further(name, got, expected, section, rtol=1e-9, atol=0.0):
    """A 0-point check of float64 precision beyond what the exercise needs: it says, never fails.

    Prints one line: met, or what the value is, what it should be, and where the book explains it.
    """
    got_array = np.asarray(got, dtype=np.float64)
    expected_array = np.asarray(expected, dtype=np.float64)
    if got_array.shape == expected_array.shape and np.allclose(got_array, expected_array, rtol=rtol, atol=atol):
        print(
            _words("Going further (0 points): met. {name} is right to float64 precision.").format(name=translated(name))
        )
        return True
    worst = _worst(got_array, expected_array)
    print(
        _words(
            "Going further (0 points, no marks lost): {name} is not exact in floating point{worst}; see {section}."
        ).format(name=translated(name), worst=worst, section=translated(section))
    )
    return False


def _worst(got, expected):
    if got.shape != expected.shape:
        return _words(" (shape {shape}, expected {expected})").format(shape=got.shape, expected=expected.shape)
    with np.errstate(all="ignore"):
        error = np.where(
            np.isnan(got) != np.isnan(expected), np.inf, np.abs(got - expected) / np.maximum(np.abs(expected), 1e-300)
        )
    error = np.where(np.isnan(error) & (got == expected), 0.0, error)  # inf == inf
    i = np.unravel_index(int(np.nanargmax(error)), error.shape) if error.size else ()
    if not error.size:
        return ""
    return _words(": you return {got} where the true value is {expected}").format(
        got=f"{got[i]:.3g}", expected=f"{expected[i]:.3g}"
    )


def directional_check(cost_fn, grad_fn, theta, eps=1e-6, tol=1e-6, seed=0):
    """Compare a gradient with the change of the cost along a random direction d.

    For a correct gradient g, (J(theta + eps d) - J(theta - eps d)) / (2 eps) = g . d
    up to O(eps^2): one cheap test of every component at once.
    """
    theta = np.asarray(theta, dtype=np.float64)
    direction = np.random.default_rng(seed).standard_normal(theta.shape)
    gradient = _numbers("the gradient", call(grad_fn, theta.copy()))
    expect_shape("the gradient", gradient, theta.shape)
    slope = (
        expected_number(call(cost_fn, theta + eps * direction))
        - expected_number(call(cost_fn, theta - eps * direction))
    ) / (2 * eps)
    predicted = float(np.sum(gradient * direction))
    if not np.isclose(predicted, slope, rtol=tol, atol=tol):
        raise _failed(
            _words(
                "The gradient does not match how the cost changes: along a random direction the cost "
                "changes at rate {slope}, but your gradient predicts {predicted}."
            ),
            slope=f"{slope:.6g}",
            predicted=f"{predicted:.6g}",
        )


def _failed(template, **values):
    """A CheckFailed with one of the kit's own sentences; the names a test gave it are translated too."""
    if "name" in values:
        values["name"] = translated(values["name"])
    return _sentence(template.format(**values))


def _sentence(text):
    """A CheckFailed whose message is already in the notebook's language."""
    failure = CheckFailed()
    failure.args = (text,)
    return failure


def _numbers(name, value):
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise _failed(
            _words("{name} should be numbers, but it is {kind}: {value}."),
            name=name,
            kind=type(value).__name__,
            value=_short(value),
        ) from None


def _short(value):
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _show(array):
    return np.array2string(array, precision=6, threshold=8, edgeitems=2)
