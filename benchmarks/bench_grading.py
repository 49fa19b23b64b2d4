"""Grading throughput: this course's engine against stock `nbgrader autograde`, same submissions, same run.

    .venv/bin/python benchmarks/bench_grading.py [--submissions 200] [--chapter 5] [--jobs 2]

Generates N submissions of one chapter (a third right, a third with one
exercise wrong, a third untouched), grades them with `python -m autograder
grade --jobs J` (sandboxed), then copies them to a second course and grades
them with stock `nbgrader autograde` (one kernel per submission, no sandbox).
Prints seconds per submission, the throughput ratio, and peak memory (the
largest resident set of the grading process and of any process it started).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from autograder.course import Course
from autograder.examples import release_notebook, solution_cells, submission
from autograder.release import release
from chapterkit.sources import ROOT


def make_submissions(course, chapter, count):
    exercises = [e for e in solution_cells(chapter) if not e.startswith("carried_")]
    for i in range(count):
        kind = i % 3
        if kind == 0:
            nb = submission(chapter)
        elif kind == 1:
            nb = submission(chapter, {exercises[i % len(exercises)]: "raise ValueError('not finished')\n"})
        else:
            nb = release_notebook(chapter)
        path = course.submitted(f"student{i:04d}", chapter)
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, path)


_MEASURE = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
    "sys.stderr.write(done.stderr[-2000:])\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(done.returncode)\n"
)


def timed(command, cwd, env=None):
    """Run a command; return (seconds, the largest resident set of any process it ran, in MiB)."""
    start = time.perf_counter()
    # A fresh parent per run, so that one run's peak does not include the other's.
    process = subprocess.run([sys.executable, "-c", _MEASURE, *command], cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{command[:4]} failed:\n{process.stderr[-2000:]}")
    return seconds, int(process.stdout.split()[-1]) / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--chapter", default="5")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    (chapter,) = Course().resolve([args.chapter])
    venv_bin = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": venv_bin + os.pathsep + os.environ["PATH"]}
    with tempfile.TemporaryDirectory() as folder:
        engine_course = Course(Path(folder) / "engine")
        release(engine_course, [chapter])
        make_submissions(engine_course, chapter, args.submissions)
        stock_course = Course(Path(folder) / "stock")
        shutil.copytree(engine_course.root, stock_course.root)

        engine_seconds, engine_peak = timed(
            [sys.executable, "-m", "autograder", "grade", chapter, "--course", str(engine_course.root), "--jobs", str(args.jobs)],
            ROOT, env,
        )
        # Stock nbgrader, with only the course folder configured (no repository configuration).
        neutral = Path(folder) / "stock-run"
        neutral.mkdir()
        (neutral / "nbgrader_config.py").write_text(f"c = get_config()\nc.CourseDirectory.root = {str(stock_course.root)!r}\n")
        stock_seconds, stock_peak = timed([str(Path(venv_bin) / "nbgrader"), "autograde", chapter, "--force"], neutral, env)

    n = args.submissions
    print(f"{n} submissions of {chapter}")
    print(f"  engine (sandboxed, --jobs {args.jobs}): {engine_seconds:7.1f} s   {engine_seconds / n:6.3f} s/submission   peak RSS {engine_peak:6.0f} MiB")
    print(f"  stock nbgrader autograde:        {stock_seconds:7.1f} s   {stock_seconds / n:6.3f} s/submission   peak RSS {stock_peak:6.0f} MiB")
    print(f"  throughput ratio engine / stock: {stock_seconds / engine_seconds:.1f}x  (goal >= 10x)")


if __name__ == "__main__":
    main()
