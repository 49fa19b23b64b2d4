"""Run grading tasks side by side: processes on this machine, or a Dask cluster.

A task is plain data in (the two notebooks as JSON text, the limits) and plain
data out (the result), so the same function runs in a local process pool or on
a Dask worker anywhere; the caller, alone, writes the gradebook.
"""

import os
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context

import nbformat

from .engine import grade_submission


def grade_task(student, source_json, submitted_json, limits, unsafe):
    """Grade one submission; never raises (a failure becomes the result's "error")."""
    try:
        source = nbformat.reads(source_json, as_version=4)
        submitted = nbformat.reads(submitted_json, as_version=4)
        # A distinct uid per grading process keeps each sandbox's process limit its own.
        result = grade_submission(source, submitted, limits, slot=os.getpid() % 4000, unsafe=unsafe)
    except Exception as error:  # the batch goes on without this one
        return student, {"error": f"{type(error).__name__}: {error}", "trace": traceback.format_exc()[-4000:]}
    return student, result


def run_local(tasks, jobs):
    """Yield (student, result) as tasks finish, with ``jobs`` processes."""
    if jobs <= 1:
        for task in tasks:
            yield grade_task(*task)
        return
    # forkserver: workers start from a clean interpreter, not a copy of this one's state.
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("forkserver")) as pool:
        futures = [pool.submit(grade_task, *task) for task in tasks]
        for future in as_completed(futures):
            yield future.result()


def run_dask(tasks, scheduler):
    """Yield (student, result) as tasks finish on the Dask cluster at ``scheduler``."""
    from distributed import Client
    from distributed import as_completed as dask_completed

    with Client(scheduler, timeout="30s") as client:
        futures = [client.submit(grade_task, *task, pure=False) for task in tasks]
        for future in dask_completed(futures):
            yield future.result()
