"""What an nbgrader cell is, on nbformat cells and plain dicts."""

import nbformat

from chapterkit import cells
from chapterkit.sources import chapter_paths, source_notebook


def _cell(**nbgrader):
    cell = nbformat.v4.new_code_cell("pass")
    if nbgrader:
        cell.metadata["nbgrader"] = {"grade": False, "solution": False, "locked": False, **nbgrader}
    return cell


def test_each_role_is_read_from_the_metadata():
    test = _cell(grade=True, locked=True, grade_id="test_loss_values", points=2)
    exercise = _cell(solution=True, grade_id="loss")
    carried = _cell(solution=True, grade_id="carried_sigmoid")
    plain = _cell()
    assert cells.is_test(test) and cells.is_locked(test) and not cells.is_solution(test)
    assert cells.grade_id(test) == "test_loss_values" and cells.points(test) == 2.0
    assert cells.is_solution(exercise) and not cells.is_test(exercise) and not cells.is_carried(exercise)
    assert cells.carried_name(carried) == "sigmoid" and cells.carried_name(exercise) is None
    assert not any(
        f(plain) for f in (cells.is_test, cells.is_solution, cells.is_locked, cells.is_testkit, cells.is_nbgrader)
    )
    assert cells.grade_id(plain) is None and cells.points(plain) == 0.0
    assert cells.is_test(dict(test)) and cells.grade_id({"cell_type": "code", "source": ""}) is None


def test_every_chapter_has_one_testkit_one_self_check_last_and_its_carried_cells_named():
    for path in chapter_paths():
        nb = source_notebook(path)
        assert sum(map(cells.is_testkit, nb.cells)) == 1, path.name
        assert [cells.is_self_check(c) for c in nb.cells].index(True) == len(nb.cells) - 1
        for cell in filter(cells.is_carried, nb.cells):
            assert cells.is_solution(cell) and cells.by_grade_id(nb)[cells.grade_id(cell)] is cell


def test_a_test_cells_failure_is_its_error_or_the_report_on_stderr():
    test = _cell(grade=True, locked=True, grade_id="test_loss_values", points=2)
    assert cells.failure(test) is None
    test.outputs = [nbformat.v4.new_output("stream", name="stdout", text="Going further (0 points): met.\n")]
    assert cells.failure(test) is None
    test.outputs.append(
        nbformat.v4.new_output(
            "stream",
            name="stderr",
            text="FAIL  test_loss_values  (0 of 2 points)\n      CheckFailed: loss is not right.\n",
        )
    )
    assert cells.failure(test) == "CheckFailed: loss is not right."
    test.outputs = [nbformat.v4.new_output("stream", name="stderr", text="a warning\n")]
    assert cells.failure(test) == "a warning"  # nbgrader counts any stderr as a failure
    test.outputs = [
        nbformat.v4.new_output("error", ename="NameError", evalue="name 'loss' is not defined", traceback=[])
    ]
    assert cells.failure(test) == "NameError: name 'loss' is not defined"
