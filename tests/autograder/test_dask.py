"""Grading on a real Dask cluster on loopback gives the same grades as grading locally."""

import csv
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.examples import release_notebook, submission
from autograder.grade import grade
from autograder.report import collect_results
from tests.builders import course_with, needs_bubblewrap

pytestmark = [pytest.mark.slow, needs_bubblewrap]
CHAPTER = "03_cross_entropy"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A `dask scheduler` and two `dask worker` processes on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("dask")
    scheduler_file = folder / "scheduler.json"
    common = dict(cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    processes = [
        subprocess.Popen(
            [
                str(BIN / "dask"),
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(scheduler_file),
            ],
            **common,
        )
    ]
    deadline = time.monotonic() + 60
    while not scheduler_file.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    address = json.loads(scheduler_file.read_text())["address"]
    for _ in range(2):
        processes.append(
            subprocess.Popen(
                [str(BIN / "dask"), "worker", address, "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"],
                **common,
            )
        )
    from distributed import Client

    with Client(address, timeout="60s") as client:
        client.wait_for_workers(2, timeout=60)
    yield address
    for process in reversed(processes):
        process.terminate()
    for process in processes:
        process.wait(timeout=30)


def make_course(root):
    variants = {
        "right": submission(CHAPTER),
        "blank": release_notebook(CHAPTER),
        "no-minus": submission(
            CHAPTER,
            {
                "cost": "import numpy as np\ndef cost(A, Y):\n    return float(np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))\n"
            },
        ),
        "log10": submission(
            CHAPTER,
            {
                "loss": "import numpy as np\ndef loss(a, y):\n    return -(y * np.log10(a) + (1 - y) * np.log10(1 - a))\n"
            },
        ),
    }
    return course_with(
        root, CHAPTER, {f"student{i}-{name}": variants[name] for i, name in enumerate(list(variants) * 2)}
    )


def scores(course):
    return {s: {t: r[0] for t, r in result["tests"].items()} for s, result in collect_results(course, CHAPTER).items()}


def test_a_dask_cluster_grades_exactly_like_this_machine(cluster, tmp_path):
    local, distributed = make_course(tmp_path / "local"), make_course(tmp_path / "dask")
    grade(local, CHAPTER, jobs=2)
    grade(distributed, CHAPTER, scheduler=cluster)
    assert scores(distributed) == scores(local)
    assert len(scores(local)) == 8
    with (distributed.root / "grades.csv").open() as sheet:
        rows = [r for r in csv.DictReader(sheet) if r["assignment"] == CHAPTER]
    assert {r["student_id"]: float(r["score"]) for r in rows}["student0-right"] == float(rows[0]["max_score"])


def test_the_command_line_takes_a_scheduler(cluster, tmp_path):
    course = make_course(tmp_path / "cli")
    from autograder.__main__ import main

    assert main(["grade", "3", "--course", str(course.root), "--scheduler", cluster]) == 0
    assert len(scores(course)) == 8
