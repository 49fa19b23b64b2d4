"""What an nbgrader cell is, read from its metadata in one place.

Works on nbformat cells and on plain dicts alike (a cell from ``json.load``),
and on cells with no nbgrader metadata at all, which are none of these.
"""

import dis
import types

TESTKIT_ID = "testkit"  # the locked cell that defines the checks the tests call
CARRIED_PREFIX = "carried_"  # a later chapter's copy of an earlier exercise
SELF_CHECK_TAG = "self-check"  # the last cell, the student's re-run of the visible tests
REPORT_INDENT = " " * 6  # the test kit's reports indent a failure's message so, under its header


def nbgrader(cell):
    """The cell's nbgrader metadata; {} for a cell nbgrader does not know."""
    return cell.get("metadata", {}).get("nbgrader", {})


def is_nbgrader(cell):
    return "nbgrader" in cell.get("metadata", {})


def grade_id(cell):
    return nbgrader(cell).get("grade_id")


def is_solution(cell):
    """An exercise cell: the student writes its code (carried ones included)."""
    return bool(nbgrader(cell).get("solution"))


def is_test(cell):
    """A graded cell: nbgrader's ``grade``."""
    return bool(nbgrader(cell).get("grade"))


def is_locked(cell):
    return bool(nbgrader(cell).get("locked"))


def points(cell):
    return float(nbgrader(cell).get("points", 0))


def is_testkit(cell):
    return grade_id(cell) == TESTKIT_ID


def carried_name(cell):
    """The earlier exercise a carried cell holds, or None."""
    found = grade_id(cell) or ""
    return found[len(CARRIED_PREFIX) :] if found.startswith(CARRIED_PREFIX) else None


def is_carried(cell):
    return carried_name(cell) is not None


def is_self_check(cell):
    return SELF_CHECK_TAG in cell.get("metadata", {}).get("tags", [])


def by_grade_id(nb):
    """{grade_id: cell} of the notebook's nbgrader cells."""
    return {grade_id(cell): cell for cell in nb.cells if grade_id(cell) is not None}


def failure(cell):
    """What a test cell's outputs say went wrong ("Type: message"), or None when they show no failure.

    An error output is one (a test that raised); so is anything on stderr, as
    nbgrader counts it: the test kit's ``reported`` prints a failure there, a
    header line (``FAIL  test_id  (0 of 2 points)``) and the message indented under it.
    """
    outputs = cell.get("outputs", [])
    for output in outputs:
        if output.get("output_type") == "error":
            return f"{output.get('ename', 'Error')}: {output.get('evalue', '')}".strip()
    printed = "".join(
        "".join(o.get("text", "")) for o in outputs if o.get("output_type") == "stream" and o.get("name") == "stderr"
    )
    if not printed.strip():
        return None
    lines = printed.strip("\n").splitlines()
    if lines[0].startswith("FAIL  "):
        lines = [line.removeprefix(REPORT_INDENT) for line in lines[1:]]
    return "\n".join(lines).strip() or printed.strip()


def test_headline(source):
    """The first sentence of a test cell's leading comment: what the test checks."""
    comment = []
    for line in source.splitlines():
        if not line.startswith("#"):
            break
        comment.append(line.lstrip("#").strip())
    text = " ".join(comment)
    end = text.find(". ")
    return (text if end < 0 else text[: end + 1]).rstrip() or "a check of your function"


def global_names(code, top=True):
    """(global names read, names bound at the top level) by ``code`` and the functions in it."""
    read, bound = set(), set()
    for instruction in dis.get_instructions(code):
        if instruction.opname in ("LOAD_NAME", "LOAD_GLOBAL"):
            read.add(instruction.argval)
        elif instruction.opname == "STORE_GLOBAL" or (top and instruction.opname == "STORE_NAME"):
            bound.add(instruction.argval)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            inner_read, inner_bound = global_names(const, top=False)
            read |= inner_read
            bound |= inner_bound
    return read, bound
