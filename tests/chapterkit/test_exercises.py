"""One index per exercise: every exercise has all its pieces, and its reference's docstring names them.

The pieces are read from the chapter sources: the solution cell, its test cells
(those that follow it, up to the next exercise) with a visible part and a
hidden one, the reference function of the same name in ``solutions``, and right
and wrong variants in ``tests/corpus/<chapter>/<exercise>/``. The reference's
docstring ends with an ``Exercise`` section naming the exercise, its chapter,
its test cells' grade ids and its corpus folder.
"""

import re
from pathlib import Path

import solutions
from chapterkit import cells
from chapterkit.sources import CHAPTERS, chapter_paths, read_chapter, source_notebook, visible_part
from tests.corpus import CORPUS

FIXTURES = Path(__file__).parents[1] / "fixtures" / "chapters"
_SECTION = re.compile(r"^ *Exercise\n *-+\n(?P<body>(?: *\S.*\n?)+)", re.MULTILINE)


def exercises(folder=CHAPTERS):
    """[(chapter, exercise, solution cell, [its test cells])] in book order."""
    found = []
    for path in chapter_paths(folder):
        for cell in read_chapter(path).cells:
            if cells.is_solution(cell) and "carry" not in cell.metadata:
                found.append((path.stem, cells.grade_id(cell), cell, []))
            elif cells.is_test(cell):
                assert found and found[-1][0] == path.stem, f"{path.name}: {cells.grade_id(cell)} tests no exercise"
                found[-1][3].append(cell)
    return found


def docstring_index(doc):
    """The reference's ``Exercise`` section as {exercise, chapter, checks, corpus}, or None."""
    section = _SECTION.search(doc or "")
    if section is None:
        return None
    body = " ".join(section["body"].split())
    literals = re.findall(r"``([^`]+)``", body)
    chapter = re.search(r"in chapter ``([^`]+)``", body)
    return {
        "exercise": literals[0] if literals else None,
        "chapter": chapter[1] if chapter else None,
        "checks": [name for name in literals if name.startswith("test_")],
        "corpus": next((name for name in literals if name.startswith("tests/corpus/")), None),
    }


def missing_pieces(folder, corpus, reference):
    """Every piece an exercise lacks, and every index that does not match, as sentences."""
    problems = []
    for chapter, exercise, solution, tests in exercises(folder):
        where = f"{chapter}/{exercise}"
        if "### BEGIN SOLUTION" not in solution.source:
            problems.append(f"{where}: the solution cell has no BEGIN SOLUTION region")
        if not any(visible_part(test.source).strip() for test in tests):
            problems.append(f"{where}: no visible test")
        if not any("### BEGIN HIDDEN TESTS" in test.source for test in tests):
            problems.append(f"{where}: no hidden test")
        function = reference(exercise)
        if function is None:
            problems.append(f"{where}: no reference function in solutions/")
        else:
            expected = {
                "exercise": exercise,
                "chapter": chapter,
                "checks": [cells.grade_id(t) for t in tests],
                "corpus": f"tests/corpus/{chapter}/{exercise}/",
            }
            index = docstring_index(function.__doc__)
            if index != expected:
                problems.append(f"{where}: the reference's Exercise section says {index}, the chapter {expected}")
        kinds = {path.stem.split("_", 1)[0] for path in (Path(corpus) / chapter / exercise).glob("*.py")}
        problems += [
            f"{where}: no {kind}_*.py in its corpus folder" for kind in ("right", "wrong") if kind not in kinds
        ]
    return problems


def _reference(name):
    function = getattr(solutions, name, None)
    return function if name in solutions.__all__ else None


def test_every_exercise_has_all_its_pieces_and_its_index_matches():
    assert exercises(), "the chapters define exercises"
    assert missing_pieces(CHAPTERS, CORPUS, _reference) == []


def test_every_corpus_folder_replaces_a_cell_of_its_chapter():
    for folder in sorted(path for path in CORPUS.glob("*/*") if path.is_dir() and path.name != "__pycache__"):
        replaceable = {
            cells.grade_id(c)
            for c in source_notebook(CHAPTERS / f"{folder.parent.name}.md").cells
            if cells.is_solution(c)
        }
        assert folder.name in replaceable, (
            f"{folder.relative_to(CORPUS)}: no such exercise or carried cell in its chapter"
        )


def test_every_indexed_reference_is_an_exercise():
    indexed = {name for name in solutions.__all__ if docstring_index(getattr(solutions, name).__doc__)}
    assert indexed == {exercise for _, exercise, _, _ in exercises()}


def test_a_missing_piece_or_a_stale_index_is_named(tmp_path):
    def double():
        """Twice.

        Exercise
        --------
        ``double`` in chapter ``01_first``, graded by ``test_double``; its corpus is
        ``tests/corpus/01_first/double/``.
        """

    def stale():
        """Twice.

        Exercise
        --------
        ``double`` in chapter ``01_first``, graded by ``test_double_values``; its corpus is
        ``tests/corpus/01_first/double/``.
        """

    for name in ("right_plain.py", "wrong_triple.py"):
        (tmp_path / "01_first" / "double").mkdir(parents=True, exist_ok=True)
        (tmp_path / "01_first" / "double" / name).write_text("# exercise: double\n", encoding="utf-8")
    (tmp_path / "02_second" / "quadruple").mkdir(parents=True)
    (tmp_path / "02_second" / "quadruple" / "right_twice.py").write_text("# exercise: quadruple\n", encoding="utf-8")
    assert missing_pieces(FIXTURES, tmp_path, {"double": double}.get) == [
        "02_second/quadruple: no visible test",
        "02_second/quadruple: no hidden test",
        "02_second/quadruple: no reference function in solutions/",
        "02_second/quadruple: no wrong_*.py in its corpus folder",
    ]
    (problem,) = missing_pieces(FIXTURES, tmp_path, {"double": stale, "quadruple": double}.get)[:1]
    assert (
        problem.startswith("01_first/double: the reference's Exercise section says") and "test_double_values" in problem
    )
