"""The batched gradebook writer leaves the database exactly as nbgrader's own Gradebook API would.

``record.store_scores`` writes many graded submissions in one transaction;
nbgrader's API (``update_or_create_student``, ``update_or_create_submission``,
``find_grade``) commits at every step. The same grades, written both ways into
two copies of one gradebook, must give the same rows in every table, the
generated ids aside: rows are compared by their natural keys (the tables'
unique constraints), and a foreign key by the natural key of the row it names.
"""

import shutil
from datetime import datetime

import sqlalchemy
from nbgrader.api import Base

from autograder.record import ensure_students, record_many, store_scores
from tests.tiny_course import CHAPTER, HANDED_IN, engine_result, source_notebook, submitted_notebook, tiny_course

CLASS = {"ada": ("Ada", "Lovelace", "ada@example.org"), "bo": ("Bo", "Li", "")}
LATER = datetime(2026, 3, 2, 9, 15, 0)


def nbgrader_way(gradebook, chapter, rows):
    """What nbgrader's API writes for each graded submission: one call, and one commit, per step."""
    for student, timestamp, tests in rows:
        gradebook.update_or_create_student(student)
        gradebook.update_or_create_submission(chapter, student, timestamp=timestamp)
        for grade_id, test in tests.items():
            grade = gradebook.find_grade(grade_id, chapter, chapter, student)
            grade.auto_score = test["earned"]
            grade.needs_manual_grade = grade.manual_score is not None
        gradebook.db.commit()


def batched_way(gradebook, chapter, rows):
    store_scores(gradebook, chapter, rows)


def scores_earning(earned):
    return engine_result(earned)["tests"]


def write_both_ways(tmp_path, steps):
    """Two copies of one course; ``steps`` are ("grades", rows), ("students", ids) or ("manual", ...)."""
    first = tiny_course(tmp_path / "first", CLASS)
    second = tmp_path / "second"
    shutil.copytree(first.root, second)
    courses = {"nbgrader": first, "batched": type(first)(second)}
    for way, course in courses.items():
        with course.gradebook() as gradebook:
            for kind, argument in steps:
                if kind == "grades":
                    (nbgrader_way if way == "nbgrader" else batched_way)(gradebook, CHAPTER, argument)
                elif kind == "students":
                    if way == "nbgrader":
                        for student in argument:
                            gradebook.update_or_create_student(student)
                    else:
                        ensure_students(gradebook, argument)
                else:  # a grader's manual score, between two gradings
                    student, grade_id, score = argument
                    gradebook.find_grade(grade_id, CHAPTER, CHAPTER, student).manual_score = score
                    gradebook.db.commit()
    return {way: canonical_rows(course.root / "gradebook.db") for way, course in courses.items()}


def canonical_rows(path):
    """{table: sorted rows}, each generated id replaced by the natural key of its row."""
    engine = sqlalchemy.create_engine(f"sqlite:///{path}")
    canonical = {}  # (table, id) -> natural key
    tables = {}
    try:
        with engine.connect() as connection:
            for table in Base.metadata.sorted_tables:  # a referenced table before the tables that refer to it
                (key_column,) = table.primary_key.columns
                unique = next(
                    (c for c in table.constraints if isinstance(c, sqlalchemy.UniqueConstraint) and c.columns), None
                )

                def value(row, column, table=table):
                    foreign = next(iter(table.c[column].foreign_keys), None)
                    if foreign is None or row[column] is None:
                        return row[column]
                    return canonical[foreign.column.table.name, row[column]]

                rows = []
                for row in connection.execute(table.select()).mappings():
                    if key_column.foreign_keys:  # a subclass's row: the id of its base row
                        natural = value(row, key_column.name)
                    elif unique is not None:
                        natural = (table.name, *(value(row, c.name) for c in unique.columns))
                    else:  # a natural id already (a student's, the course's)
                        natural = row[key_column.name]
                    canonical[table.name, row[key_column.name]] = natural
                    rows.append(tuple(repr(natural if c is key_column else value(row, c.name)) for c in table.columns))
                tables[table.name] = sorted(rows)
    finally:
        engine.dispose()
    return tables


def test_a_batch_writes_the_same_rows_as_nbgraders_api(tmp_path):
    steps = [
        (
            "grades",
            [
                ("ada", HANDED_IN, scores_earning({"test_b": 0})),  # on the roster already
                ("cy", None, scores_earning({})),  # a new student, no time handed in
                ("dee", HANDED_IN, scores_earning({"test_a": 0, "test_b": 0})),
            ],
        ),
        ("manual", ("ada", "test_a", 1.5)),
        (
            "grades",
            [
                ("ada", LATER, scores_earning({})),  # graded again: updated, with a grader's score kept
                ("bo", LATER, scores_earning({"test_a": 0})),  # on the roster, graded for the first time
                ("dee", HANDED_IN, scores_earning({})),
            ],
        ),
        ("students", ["ed", "ada", "bo"]),  # students with a problem only: a row each, no submission
    ]
    both = write_both_ways(tmp_path, steps)
    assert both["batched"] == both["nbgrader"]
    # The comparison is of something: every submission's grades are there, with their scores.
    tables = both["batched"]
    assert len(tables["submitted_assignment"]) == 4 and len(tables["grade"]) == 8
    assert sorted(row[0] for row in tables["student"]) == ["'ada'", "'bo'", "'cy'", "'dee'", "'ed'"]
    auto_score = [c.name for c in Base.metadata.tables["grade"].columns].index("auto_score")
    assert sorted({row[auto_score] for row in tables["grade"]}) == ["0.0", "1.0", "2.0"]


def test_the_comparison_sees_a_difference(tmp_path):
    """A writer that got one score wrong would not pass: the canonical rows tell the two apart."""
    first = tiny_course(tmp_path / "first", CLASS)
    second = tmp_path / "second"
    shutil.copytree(first.root, second)
    for root, earned in ((first.root, {}), (second, {"test_b": 0.5})):
        with type(first)(root).gradebook() as gradebook:
            nbgrader_way(gradebook, CHAPTER, [("ada", HANDED_IN, scores_earning(earned))])
    assert canonical_rows(first.root / "gradebook.db") != canonical_rows(second / "gradebook.db")


def test_one_bad_submission_in_a_batch_costs_only_its_own_row(tmp_path):
    course = tiny_course(tmp_path, CLASS)
    good, bad = engine_result({"test_b": 0}), engine_result()
    bad["tests"]["test_that_is_not_in_the_gradebook"] = {"points": 1.0, "earned": 1.0, "message": None}
    for student in ("ada", "bo"):
        course.store_submission(student, CHAPTER, submitted_notebook(), HANDED_IN)
    entries = [("ada", submitted_notebook(), good, None), ("bo", submitted_notebook(), bad, None)]
    with course.gradebook() as gradebook:
        failed = record_many(course, CHAPTER, source_notebook(), entries, gradebook)
        assert [student for student, _ in failed] == ["bo"]
        assert gradebook.find_submission(CHAPTER, "ada").score == 2.0
        assert [s.student.id for s in gradebook.find_assignment(CHAPTER).submissions] == ["ada"]
    assert course.autograded_path("ada", CHAPTER).exists()
    assert not course.autograded_path("bo", CHAPTER).exists()
