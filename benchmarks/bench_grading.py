"""Grading throughput on every chapter: this course's engine against stock `nbgrader autograde`, same submissions, same run.

    .venv/bin/python benchmarks/bench_grading.py              # 30 submissions of each chapter (one section)
    .venv/bin/python benchmarks/bench_grading.py -n 200       # a large class
    .venv/bin/python benchmarks/bench_grading.py --quick      # 3 of each chapter: a smoke run, ratios are rough
    .venv/bin/python benchmarks/bench_grading.py --chapter 7 --jobs 2
    .venv/bin/python benchmarks/bench_grading.py -n 200 --stock-sample 15   # stock nbgrader on 15, extrapolated

Generates N submissions of each chapter (a third right, a third with one
exercise wrong, a third untouched). Each chapter is graded with `python -m
autograder grade CHAPTER --jobs J` (sandboxed, J = all cores by default), then
the same submissions, copied to a second course, with stock `nbgrader
autograde` (one kernel per submission, no sandbox). Stock nbgrader grades one
submission after another, so with ``--stock-sample K`` it grades only the first K
of each chapter and its time for N is extrapolated: its start (a run with no
submission to grade, measured once) plus N/K times the rest; the output says so.
Prints:

* per chapter: seconds per submission of each, and the ratio stock / engine;
* the whole course: total time against total time, and the peak memory of the
  largest process of either (the grading process or any process it started);
* the fixed cost of a `grade` run: a run with nothing left to grade (imports,
  gradebook, grade sheet), and a run of one submission less that submission's
  own grading time (the same plus the sandbox probe and starting the process
  pool); and its parts, timed one by one in a fresh process;
* where the engine's time went, per submission and chapter, from the engine's
  own counters (``AUTOGRADER_TIMINGS``): sandbox start and end, student cells,
  test cells, and the wire's round trips (requests to the sandbox, and the
  callbacks of the tests' stand-ins it made within them). These are seconds of
  one grading process; with J processes side by side, the wall time per
  submission is about their sum / J.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import nbformat

from autograder.course import Course
from autograder.examples import release_notebook, solution_cells, submission
from autograder.release import release
from chapterkit.sources import ROOT

TIMINGS = "AUTOGRADER_TIMINGS"


def make_submissions(course, chapter, count, first=0):
    exercises = [e for e in solution_cells(chapter) if not e.startswith("carried_")]
    for i in range(first, first + count):
        kind = i % 3
        if kind == 0:
            nb = submission(chapter)
        elif kind == 1:
            nb = submission(chapter, {exercises[i % len(exercises)]: "raise ValueError('not finished')\n"})
        else:
            nb = release_notebook(chapter)
        path = course.submitted_path(f"student{i:04d}", chapter)
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, path)


_MEASURE = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
    "sys.stderr.write(done.stderr[-2000:])\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(usage.ru_utime + usage.ru_stime, usage.ru_maxrss)\n"
    "sys.exit(done.returncode)\n"
)


def timed(command, cwd, env=None, cpu=False, check=True):
    """Run a command; return (seconds, the largest resident set of any process it ran, in MiB), and its CPU seconds if ``cpu``.

    The CPU seconds are those of the processes it waited for: not the sandboxes' (each
    worker's parent, bwrap, is killed with it).
    """
    start = time.perf_counter()
    # A fresh parent per run, so that one run's peak does not include the other's.
    process = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], cwd=cwd, env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    if check and process.returncode != 0:
        raise SystemExit(f"{command[:4]} failed:\n{process.stderr[-2000:]}")
    cpu_seconds, peak = process.stdout.split()[-2:]
    return (seconds, int(peak) / 1024) + ((float(cpu_seconds),) if cpu else ())


def engine_command(course, chapter, jobs):
    return [sys.executable, "-m", "autograder", "grade", chapter, "--course", str(course.root), "--jobs", str(jobs)]


_PARTS = (
    "import json, sys, time\n"
    "started = time.perf_counter()\n"
    "from autograder import sandbox\n"
    "from autograder.course import Course\n"
    "from autograder.grade import write_grade_sheet\n"
    "parts = {'imports': time.perf_counter() - started}\n"
    "course = Course(sys.argv[1])\n"
    "started = time.perf_counter()\n"
    "with course.gradebook():\n"
    "    pass\n"
    "parts['gradebook open'] = time.perf_counter() - started\n"
    "started = time.perf_counter()\n"
    "sandbox.check_available()\n"
    "parts['sandbox probe'] = time.perf_counter() - started\n"
    "started = time.perf_counter()\n"
    "write_grade_sheet(course)\n"
    "parts['grade sheet'] = time.perf_counter() - started\n"
    "print(json.dumps(parts))\n"
)


def fixed_parts(course, env):
    """{part: seconds} of a grade run's fixed cost, each timed in one fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", _PARTS, str(course.root)], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.splitlines()[-1])


def read_timings(path):
    """{chapter: {counter: mean per submission}} from the engine's timing lines."""
    sums, counts = defaultdict(lambda: defaultdict(float)), defaultdict(int)
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            counts[row["chapter"]] += 1
            for key, value in row.items():
                if isinstance(value, (int, float)):
                    sums[row["chapter"]][key] += value
    return {chapter: {k: v / counts[chapter] for k, v in row.items()} for chapter, row in sums.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "-n", "--submissions", type=int, default=30, help="submissions per chapter (default 30; 200 for a large class)"
    )
    parser.add_argument("--chapter", action="append", help="a chapter (repeatable; default: every chapter)")
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="the engine's --jobs (default: all cores)"
    )
    parser.add_argument("--quick", action="store_true", help="3 submissions per chapter")
    parser.add_argument(
        "--stock-sample",
        type=int,
        metavar="K",
        help="grade only K submissions per chapter with stock nbgrader, and extrapolate its time to N",
    )
    args = parser.parse_args()
    n = 3 if args.quick else args.submissions
    sample = min(args.stock_sample or n, n)
    chapters = Course().chapter_names(args.chapter or [])
    venv_bin = str(Path(sys.executable).parent)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        timing_file = folder / "timings.jsonl"
        env = {**os.environ, "PATH": venv_bin + os.pathsep + os.environ["PATH"]}
        engine_course, stock_course = Course(folder / "engine"), Course(folder / "stock")
        release(engine_course, chapters)
        for chapter in chapters:
            make_submissions(engine_course, chapter, n)
        shutil.copytree(engine_course.root, stock_course.root)
        for chapter in chapters:  # the stock run's sample: the first K, every kind of submission among them
            for i in range(sample, n):
                shutil.rmtree(stock_course.submitted_path(f"student{i:04d}", chapter).parent)
        # Stock nbgrader, with only the course folder configured (no repository configuration).
        neutral = folder / "stock-run"
        neutral.mkdir()
        (neutral / "nbgrader_config.py").write_text(
            f"c = get_config()\nc.CourseDirectory.root = {str(stock_course.root)!r}\n"
        )

        stock_start = 0.0
        if sample < n:  # stock nbgrader's own start: a run that finds no submission to grade
            stock_start = timed(
                [str(Path(venv_bin) / "nbgrader"), "autograde", chapters[0], "--force", "--student", "nobody"],
                neutral,
                env,
                check=False,
            )[0]
        rows, peak = [], 0.0
        for chapter in chapters:
            engine_seconds, engine_peak = timed(
                engine_command(engine_course, chapter, args.jobs), ROOT, {**env, TIMINGS: str(timing_file)}
            )
            stock_seconds, stock_peak = timed(
                [str(Path(venv_bin) / "nbgrader"), "autograde", chapter, "--force"], neutral, env
            )
            if sample < n:
                stock_seconds = stock_start + (stock_seconds - stock_start) * n / sample
            rows.append((chapter, engine_seconds, stock_seconds))
            peak = max(peak, engine_peak, stock_peak)
            print(
                f"  {chapter}: engine {engine_seconds:6.1f} s, stock {stock_seconds:6.1f} s"
                + (" (extrapolated)" if sample < n else ""),
                file=sys.stderr,
                flush=True,
            )

        # The fixed cost: everything is graded already, so the run does all but grade.
        idle_seconds, _, idle_cpu = timed(engine_command(engine_course, chapters[0], args.jobs), ROOT, env, cpu=True)
        make_submissions(engine_course, chapters[0], 1, first=n)
        one_file = folder / "one.jsonl"
        one_seconds, _ = timed(
            engine_command(engine_course, chapters[0], args.jobs), ROOT, {**env, TIMINGS: str(one_file)}
        )
        one_own = read_timings(one_file)[chapters[0]]["seconds"]
        timings = read_timings(timing_file)
        parts = fixed_parts(engine_course, env)

    print(f"{n} submissions of each chapter; engine sandboxed with --jobs {args.jobs}, on {os.cpu_count()} cores")
    if sample < n:
        print(
            f"STOCK FIGURES ARE EXTRAPOLATED: stock nbgrader graded {sample} of the {n} submissions of each chapter; "
            f"its time for {n} is its start ({stock_start:.1f} s) plus {n}/{sample} of the rest"
        )
    stock_label = "stock s/sub*" if sample < n else "stock s/sub"
    print(f"{'chapter':<26}{'engine s/sub':>13}{stock_label:>13}{'ratio':>8}")
    for chapter, engine_seconds, stock_seconds in rows:
        print(f"{chapter:<26}{engine_seconds / n:13.3f}{stock_seconds / n:13.3f}{stock_seconds / engine_seconds:7.1f}x")
    engine_total, stock_total = sum(r[1] for r in rows), sum(r[2] for r in rows)
    print(
        f"{'whole course':<26}{engine_total / (n * len(rows)):13.3f}{stock_total / (n * len(rows)):13.3f}"
        f"{stock_total / engine_total:7.1f}x   ({engine_total:.1f} s against {stock_total:.1f} s"
        + (", stock extrapolated)" if sample < n else ")")
    )
    print(f"peak memory of the largest process: {peak:.0f} MiB")
    print(
        f"fixed cost of a grade run: {idle_seconds:.2f} s ({idle_cpu:.2f} s of CPU) with nothing to grade; "
        f"{one_seconds - one_own:.2f} s for one submission beyond its own {one_own:.2f} s"
    )
    print("  its parts, one fresh process: " + ", ".join(f"{k} {v:.2f} s" for k, v in parts.items()))
    print(
        "\nwhere the engine's time went, seconds per submission in one grading process"
        " (record: in the one process that writes the gradebook):"
    )
    print(
        f"{'chapter':<26}{'total':>7}{'start':>7}{'end':>7}{'student':>8}{'tests':>7}{'requests':>15}{'callbacks':>15}{'record':>8}"
    )
    for chapter, *_ in rows:
        t = timings.get(chapter, {})
        if not t:
            continue
        print(
            f"{chapter:<26}{t['seconds']:7.3f}{t['sandbox_start']:7.3f}{t['sandbox_end']:7.3f}{t['student_cells']:8.3f}"
            f"{t['test_cells']:7.3f}{t['requests']:7.0f} {t['request_seconds']:6.3f}s{t['callbacks']:7.0f} {t['callback_seconds']:6.3f}s"
            f"{t['record_seconds']:8.3f}"
        )
    capacity(rows, timings, n, one_seconds - one_own)


def capacity(rows, timings, n, fixed):
    """The capacity plan of the README, from this run's figures.

    A submission of a chapter costs (its grade run's seconds - the fixed cost) x cores / N
    core-seconds here (every core was busy grading). A class of S students needs, per chapter,
    the fixed cost plus S x that / the cores, but no less than S x the recording time: one
    process writes the gradebook, on one machine or for a whole Dask cluster.
    """
    cores = os.cpu_count() or 1
    cost = {chapter: max(engine_seconds - fixed, 0.0) * cores / n for chapter, engine_seconds, _ in rows}
    record = {chapter: timings.get(chapter, {}).get("record_seconds", 0.0) for chapter, *_ in rows}
    print(
        f"\ncapacity, all {len(rows)} chapters: {sum(cost.values()):.2f} core-seconds and {sum(record.values()):.3f} s of recording "
        f"per student, {fixed:.1f} s fixed per chapter"
    )
    for students in (1000, 10000):
        for name, total_cores in (("one 16-core machine", 16), ("Dask, 16 workers of 16 cores", 256)):
            hours = sum(fixed + max(students * cost[c] / total_cores, students * record[c]) for c in cost) / 3600
            by_recording = sum(record[c] * total_cores > cost[c] for c in cost)
            bound = {0: "cores", len(cost): "recording"}.get(
                by_recording, f"recording in {by_recording} of {len(cost)} chapters"
            )
            stock = students * sum(r[2] for r in rows) / n / 3600
            print(
                f"  {students:>6} students on {name:<29}{hours:7.2f} h  (bound by {bound}; stock nbgrader, one process: {stock:.0f} h)"
            )


if __name__ == "__main__":
    main()
