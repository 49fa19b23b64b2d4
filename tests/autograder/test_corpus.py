"""The discrimination corpus, graded end to end by `grade` (the sandboxed engine,
writing nbgrader's gradebook, as instructors grade).

tests/corpus/<chapter>/<exercise>/right_*.py and wrong_*.py each replace that one
exercise cell of an otherwise reference submission.

* every right variant gets full marks;
* every wrong variant loses points on its own exercise's tests and nowhere else,
  and, when it has a `# diagnosis:` line, the feedback names that mistake;
* the untouched release notebook scores 0 and the reference gets full marks.
"""

from collections import Counter

import pytest

from autograder.course import Course
from autograder.examples import release_notebook, submission
from autograder.grade import grade
from autograder.release import release
from autograder.report import collect_results
from tests.builders import submit
from tests.corpus import VARIANTS

pytestmark = pytest.mark.slow

CHAPTERS = sorted({v["chapter"] for v in VARIANTS})


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """{chapter: {student: results}} after grading every variant, the release and the reference."""
    course = Course(tmp_path_factory.mktemp("corpus-course"))
    release(course, CHAPTERS)
    for variant in VARIANTS:
        code = variant["path"].read_text(encoding="utf-8")
        submit(course, variant["name"], variant["chapter"], submission(variant["chapter"], {variant["exercise"]: code}))
    for chapter in CHAPTERS:
        submit(course, "release-untouched", chapter, release_notebook(chapter))
        submit(course, "reference", chapter, submission(chapter))
        grade(course, chapter)
    return {chapter: collect_results(course, chapter) for chapter in CHAPTERS}


def _lost(result):
    return {test for test, (earned, maximum, _) in result["tests"].items() if earned < maximum}


def outcome(variant, result):
    lost = _lost(result)
    if not lost:
        return "full marks"
    own = {t for t in lost if t.startswith(f"test_{variant['exercise']}")}
    return "lost on own exercise only" if own == lost else "lost points elsewhere"


def test_the_corpus_is_large_enough():
    kinds = Counter(v["kind"] for v in VARIANTS)
    assert kinds["wrong"] >= 100 and kinds["right"] >= 70, kinds


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_release_scores_zero_and_the_reference_full_marks(graded, chapter):
    assert graded[chapter]["release-untouched"]["score"] == 0
    reference = graded[chapter]["reference"]
    assert reference["score"] == reference["max_score"] > 0, _lost(reference)


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: f"{v['chapter'][:2]}-{v['name']}")
def test_each_variant_is_graded_as_it_deserves(graded, variant):
    result = graded[variant["chapter"]][variant["name"]]
    expected = "full marks" if variant["kind"] == "right" else "lost on own exercise only"
    messages = [m for _, _, m in result["tests"].values() if m]
    assert outcome(variant, result) == expected, f"lost: {sorted(_lost(result))}; messages: {messages}"
    if variant["diagnosis"]:
        assert any(variant["diagnosis"].lower() in m.lower() for m in messages), (
            f"no test message names the mistake {variant['diagnosis']!r}; messages: {messages}"
        )


def test_print_the_confusion_table(graded, capsys):
    table = Counter((v["kind"], outcome(v, graded[v["chapter"]][v["name"]])) for v in VARIANTS)
    columns = ["full marks", "lost on own exercise only", "lost points elsewhere"]
    lines = [
        "",
        "discrimination corpus: expected (rows) against graded (columns)",
        f"{'':10s}" + "".join(f"{c:>28s}" for c in columns),
    ]
    for kind in ("right", "wrong"):
        lines.append(f"{kind:10s}" + "".join(f"{table[(kind, c)]:>28d}" for c in columns))
    with capsys.disabled():
        print("\n".join(lines))
    assert table[("right", "full marks")] == sum(v["kind"] == "right" for v in VARIANTS)
