"""report: one page per chapter on how the class did.

Three figures (the score distribution, the pass rate of every test, the most
common likely mistakes) and the tables behind them, a table of every student
linked to their feedback page, and the lists to act on: who did not submit,
whose file could not be graded and why, and how many failed tests matched no
known mistake. One self-contained HTML file (figures embedded) in
``reports/<chapter>.html``.

Everything shown came, at least partly, from students (names, error text), so
the HTML escapes it and matplotlib draws text as text (no mathtext, no TeX).
"""

import base64
import html
import io
import re
from collections import Counter
from urllib.parse import quote

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402
from nbgrader.api import MissingEntry  # noqa: E402
from nbgrader.utils import is_grade  # noqa: E402

from chapterkit import cells as nbcells  # noqa: E402

from .course import CourseError  # noqa: E402
from .standing import GRADED, NOT_GRADABLE, NOT_SUBMITTED, standings  # noqa: E402

# A "$" in an error message must not make matplotlib parse mathtext (a crafted one crashes it).
_PLAIN_TEXT = {"text.parse_math": False, "text.usetex": False}

LIKELY = re.compile(r"Likely mistake: (.+)")


def collect_results(course, chapter):
    """{student: {"score", "max_score", "tests": {grade_id: (earned, max, message)}}}."""
    results = {}
    with course.gradebook() as gradebook:
        for student in course.students(chapter):
            path = course.autograded_path(student, chapter)
            if not path.exists():
                continue
            try:
                submission = gradebook.find_submission(chapter, student)
            except MissingEntry:
                continue
            tests = {}
            for cell in nbformat.read(path, as_version=4).cells:
                if cell.cell_type != "code" or not is_grade(cell):
                    continue
                grade_id = nbcells.grade_id(cell)
                grade = gradebook.find_grade(grade_id, chapter, chapter, student)
                tests[grade_id] = (grade.score, grade.max_score, nbcells.failure(cell))
            results[student] = {"score": submission.score, "max_score": submission.max_score, "tests": tests}
    return results


def report(course, chapter):
    (chapter,) = course.chapter_names([chapter])
    results = collect_results(course, chapter)
    if not results:
        raise CourseError(f"no graded submissions of {chapter}; run `grade {chapter}` first")
    scores = [r["score"] for r in results.values()]
    max_score = max(r["max_score"] for r in results.values())
    test_ids = sorted({t for r in results.values() for t in r["tests"]})
    pass_rate = {
        t: sum(r["tests"].get(t, (0, 1, "missing"))[2] is None for r in results.values()) / len(results)
        for t in test_ids
    }
    failures = [message for r in results.values() for _, _, message in r["tests"].values() if message]
    mistakes = Counter(m.group(1).strip() for message in failures if (m := LIKELY.search(message)))
    unmatched = sum(not LIKELY.search(message) for message in failures)
    with plt.rc_context(_PLAIN_TEXT):
        page = _page(
            chapter,
            scores,
            max_score,
            pass_rate,
            mistakes,
            unmatched,
            standings(course, [chapter]),
            course.problems(chapter),
        )
    path = course.report_path(chapter)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path


def _figure_scores(scores, max_score):
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.hist(scores, bins=min(20, max(5, int(max_score) + 1)), range=(0, max_score), color="#1f77b4", edgecolor="white")
    ax.set_xlabel(f"score (out of {max_score:g})")
    ax.set_ylabel("students")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Score distribution")
    return fig


def _figure_pass_rate(pass_rate):
    fig, ax = plt.subplots(figsize=(6, 0.35 * len(pass_rate) + 1))
    names = list(pass_rate)
    ax.barh(names, [100 * pass_rate[n] for n in names], color="#2ca02c")
    ax.set_xlim(0, 100)
    ax.invert_yaxis()
    ax.set_xlabel("students passing (%)")
    ax.set_title("Pass rate per test")
    return fig


def _figure_mistakes(mistakes):
    top = mistakes.most_common(10)
    fig, ax = plt.subplots(figsize=(7, 0.45 * max(len(top), 1) + 1))
    labels = [_wrap(text) for text, _ in top] or ["(no recognized mistakes)"]
    ax.barh(labels, [count for _, count in top] or [0], color="#d62728")
    ax.invert_yaxis()
    ax.set_xlabel("students")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Most common likely mistakes")
    return fig


def _png(fig):
    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png", dpi=100)
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode()


def _page(chapter, scores, max_score, pass_rate, mistakes, unmatched, standings_, problems):
    e = html.escape
    figures = [_figure_scores(scores, max_score), _figure_pass_rate(pass_rate), _figure_mistakes(mistakes)]
    images = "\n".join(f'<img alt="figure" src="data:image/png;base64,{_png(f)}">' for f in figures)
    mean = sum(scores) / len(scores)
    rows = "".join(f"<tr><td><code>{e(t)}</code></td><td>{100 * r:.0f}%</td></tr>" for t, r in pass_rate.items())
    mistake_rows = "".join(f"<tr><td>{e(t)}</td><td>{n}</td></tr>" for t, n in mistakes.most_common())
    student_rows = "".join(_student_row(chapter, s, problems.get(s.student_id, "")) for s in standings_)
    missing = [s for s in standings_ if s.status == NOT_SUBMITTED]
    ungradable = [s for s in standings_ if s.status == NOT_GRADABLE]
    missing_list = (
        "".join(f"<li>{e(s.name)} (<code>{e(s.student_id)}</code>)</li>" for s in missing) or "<li>nobody</li>"
    )
    ungradable_list = (
        "".join(
            f"<li>{e(s.name)} (<code>{e(s.student_id)}</code>): {e(problems.get(s.student_id, ''))}</li>"
            for s in ungradable
        )
        or "<li>nobody</li>"
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Report: {e(chapter)}</title>
<style>body{{font-family:sans-serif;max-width:60rem;margin:2rem auto}}img{{max-width:100%;display:block;margin:1rem 0}}
td,th{{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:left}}</style></head><body>
<h1>{e(chapter)}</h1>
<p>{len(scores)} graded submissions; mean score {mean:.2f} of {max_score:g}.
{len(missing)} students did not submit; {len(ungradable)} submitted a file that could not be graded.</p>
<h2>Not submitted</h2><ul>{missing_list}</ul>
<h2>Could not be graded</h2><ul>{ungradable_list}</ul>
{images}
<h2>Pass rate per test</h2><table><tr><th>test</th><th>passing</th></tr>{rows}</table>
<h2>Likely mistakes</h2><table><tr><th>mistake</th><th>failed tests</th></tr>{mistake_rows or '<tr><td colspan="2">none recognized</td></tr>'}</table>
<p>{unmatched} failed tests matched no known mistake.</p>
<h2>Students</h2><table><tr><th>student</th><th>id</th><th>status</th><th>score</th><th>note</th></tr>{student_rows}</table>
</body></html>
"""


def _student_row(chapter, s, problem):
    e = html.escape
    name = e(s.name)
    if s.status in (GRADED, NOT_GRADABLE):
        link = f"../feedback/{quote(s.student_id)}/{quote(chapter)}/{quote(chapter)}.html"
        name = f'<a href="{e(link)}">{name}</a>'
    score = "" if s.score is None else f"{s.score:g} / {s.max_score:g}"
    return f"<tr><td>{name}</td><td><code>{e(s.student_id)}</code></td><td>{e(s.status)}</td><td>{score}</td><td>{e(problem)}</td></tr>"


def _wrap(text, width=60):
    words, lines, line = text.split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines[:3])
