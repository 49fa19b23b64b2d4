"""Run grading tasks side by side: processes on this machine, or a Dask cluster.

A task is plain data in (the two notebooks as JSON text, the limits) and plain
data out (the result), so the same function runs in a local process pool or on
a Dask worker anywhere; the caller, alone, writes the gradebook.
"""

import ast
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

import nbformat

from . import sandbox
from .engine import exercise_names, grade_submission, plan, top_level
from .needless import needless
from .record import autograded_text
from .sandbox import SandboxUnavailable


def grade_task(student, source_json, submitted_json, limits, unsafe, mark=None):
    """Grade one submission; never raises: a failure becomes the result's "not graded" reason.

    With ``mark``, the result also holds the autograded notebook's text
    (``record.autograded_text``), made here, beside the grading, so that the one
    process that writes the gradebook only has to write the file.

    Whatever escapes grading one submission (SystemExit and other BaseExceptions
    included) is this student's row, never the batch's end. A sandbox that
    cannot start is the machine's problem, and says so.
    """
    try:
        source = nbformat.reads(source_json, as_version=4)
        submitted = nbformat.reads(submitted_json, as_version=4)
        sandbox.prefer_modules(chapter_imports(source))  # a warm sandbox has them imported already
        result = grade_submission(source, submitted, limits, unsafe=unsafe)
        if mark is not None:
            result["autograded"] = autograded_text(source, submitted, result, mark)
        return student, result
    except SandboxUnavailable as error:
        return student, {"not_graded": str(error)[:300], "internal": "sandbox"}
    except KeyboardInterrupt:  # the instructor's Ctrl-C stops the run (the sandbox cannot signal us)
        raise
    except BaseException as error:  # the batch goes on without this one
        reason = f"internal error: {type(error).__name__}: {str(error)[:200]}"
        return student, {"not_graded": reason, "internal": "error", "trace": traceback.format_exc()[-4000:]}


def chapter_imports(source):
    """The modules that the chapter's own cells which grading runs import (the source's, never a submission's).

    Those are the cells of a submission as released, less the example cells
    grading leaves out (``needless``), with the imports inside their ``keep_going()``.
    """
    steps = plan(source, source)
    left_out = needless(steps, source, exercise_names(source))
    names = []
    for index, (where, cell) in enumerate(steps):
        if where != "sandbox" or index in left_out:
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:  # IPython syntax: not a cell to learn imports from
            continue
        for node in top_level(tree):
            if isinstance(node, ast.Import):
                names += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.append(node.module)
    return names


def run_local(tasks, jobs):
    """Yield (student, result) as tasks finish, with ``jobs`` processes.

    Grading runs in child processes even with one job, so that a crash of the
    grader's own side (a segfault in trusted code, the kernel's OOM killer)
    ends one child, not the run. The tasks that were in a pool when it broke
    are graded again one per pool: the one that breaks its own pool is the
    culprit, and gets an internal-error row.
    """
    broken = yield from _in_pool(tasks, max(1, jobs))
    for task in broken:
        if (yield from _in_pool([task], 1)):
            yield task[0], {"not_graded": "internal error: the grading process died", "internal": "error"}


def _in_pool(tasks, jobs):
    broken = []
    # forkserver: workers start from a clean interpreter, not a copy of this one's state. The
    # server imports the engine once (not the command's __main__, which imports nbgrader),
    # and each worker is a fork of it, ready to grade.
    context = get_context("forkserver")
    context.set_forkserver_preload([__name__])
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = {pool.submit(grade_task, *task): task for task in tasks}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                broken.append(futures[future])
    return broken


def run_dask(tasks, scheduler):
    """Yield (student, result) as tasks finish on the Dask cluster at ``scheduler``."""
    from distributed import Client
    from distributed import as_completed as dask_completed

    with Client(scheduler, timeout="30s") as client:
        futures = [client.submit(grade_task, *task, pure=False) for task in tasks]
        for future in dask_completed(futures):
            yield future.result()
