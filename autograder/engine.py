"""Grade one submission: student code in the sandbox, every check in this process.

The plan follows the notebook. The student's cells (their solutions, and code
cells they wrote) run in the sandboxed worker; the instructor's locked cells
and every test cell run here, from the chapter's source (never the submitted
copy), in a namespace where the student's names are *proxies*: calling one
sends plain-data arguments to the worker and brings back plain data. So a test
cell means what it means in the student's own kernel, but:

* monkeypatching numpy, the checks or builtins changes only the worker's copies;
* the tests' source, the hidden inputs' seed and the grade never enter the sandbox;
* a student name can never replace one the tests define (``expect_close = ...``).

``grade_submission`` returns plain data (JSON-able), so it can run in another
process or on a Dask worker; one process writes the gradebook.
"""

import contextlib
import importlib
import io
import os
import select
import time
import types
import warnings

import numpy as np

from bookbuild.sources import SELF_CHECK_TAG

from . import sandbox, wire
from .carried import carried_name, home_chapter
from .carried import note as carried_note
from .carried import reference as carried_reference
from .carried import verdict as carried_verdict

# Modules a test may use under the name the student's code imported them as.
TRUSTED_MODULES = {"numpy", "math", "scipy", "sklearn", "itertools", "functools", "collections", "warnings"}
FIGURE_TAGS = {"hide-input", "remove-input", "remove-cell"}  # instructor figures: not graded, not run
TESTKIT_ID = "testkit"
OUTPUT_LIMIT = 16 * 1024


class SubmissionStopped(RuntimeError):
    """The student's process ended or stopped answering (a time limit, os._exit, a crash)."""


# --- the plan -----------------------------------------------------------------------


def plan(source_nb, submitted_nb):
    """[(where, cell)] in notebook order: where is "sandbox", "trusted" or "testkit"."""
    submitted_by_id = {c.get("id"): c for c in submitted_nb.cells if c.get("id")}
    submitted_by_grade = {
        c.metadata["nbgrader"]["grade_id"]: c for c in submitted_nb.cells if "nbgrader" in c.get("metadata", {})
    }
    steps, used = [], set()
    source_ids = {c.get("id") for c in source_nb.cells}
    for cell in source_nb.cells:
        if cell.cell_type != "code":
            continue
        meta = cell.metadata.get("nbgrader", {})
        if SELF_CHECK_TAG in cell.metadata.get("tags", []):
            continue  # the student's re-run of the visible tests: the grader runs every test cell itself
        if meta.get("grade_id") == TESTKIT_ID:
            steps.append(("testkit", cell))
        elif meta.get("grade") or (meta.get("locked") and not meta.get("solution")):
            steps.append(("trusted", cell))
        elif meta.get("solution"):
            mine = submitted_by_grade.get(meta["grade_id"])
            if mine is not None and mine.cell_type == "code":
                steps.append(("sandbox", mine))
                used.add(id(mine))
        elif FIGURE_TAGS & set(cell.metadata.get("tags", [])):
            continue
        else:
            mine = submitted_by_id.get(cell.get("id"), cell)
            steps.append(("sandbox", mine))
            used.add(id(mine))
        # Cells the student added after this one run here, in their order.
        steps += _added_after(submitted_nb, cell.get("id"), source_ids, used)
    return steps


def _added_after(submitted_nb, anchor_id, source_ids, used):
    cells = submitted_nb.cells
    positions = [i for i, c in enumerate(cells) if c.get("id") == anchor_id]
    added = []
    if positions:
        for cell in cells[positions[0] + 1:]:
            if cell.get("id") in source_ids or "nbgrader" in cell.get("metadata", {}):
                break
            if cell.cell_type == "code" and id(cell) not in used:
                added.append(("sandbox", cell))
                used.add(id(cell))
    return added


# --- one submission -------------------------------------------------------------------


def grade_submission(source_nb, submitted_nb, limits=sandbox.Limits(), slot=0, unsafe=False):
    """Grade one submission; return {"tests": {grade_id: {...}}, "cells": [...], "seconds": s}."""
    start = time.perf_counter()
    steps = plan(source_nb, submitted_nb)
    testkit = next((cell.source for where, cell in steps if where == "testkit"), "")
    results, cells, notes = {}, [], []
    carried = {}  # name -> (its home chapter, its cell's entry in `cells`), until probed
    source_cells = {c.metadata["nbgrader"]["grade_id"]: c for c in source_nb.cells if "nbgrader" in c.get("metadata", {})}
    wrong = {}  # carried name -> the reference that stands in for it
    session = Session(limits, slot, unsafe)
    try:
        namespace = session.trusted_namespace(testkit)
        for where, cell in steps:
            if where == "testkit":
                continue
            if where == "sandbox":
                cells.append({"id": cell.get("id"), "outputs": session.run_student_cell(cell.source, len(cells))})
                if carried_name(cell):  # the chapter it comes from is said by the source's cell, not the student's
                    carried[carried_name(cell)] = (home_chapter(source_cells[cell.metadata["nbgrader"]["grade_id"]]), cells[-1])
                continue
            if cell.metadata["nbgrader"].get("grade"):
                notes += _probe_carried(session, carried, wrong)
            with session.replaced(**wrong) if wrong else contextlib.nullcontext():
                outputs, failure = session.run_trusted_cell(cell.source, namespace, overrides=wrong)
            meta = cell.metadata["nbgrader"]
            cells.append({"id": cell.get("id"), "grade_id": meta["grade_id"], "outputs": outputs})
            if meta.get("grade"):
                points = float(meta.get("points", 0))
                results[meta["grade_id"]] = {
                    "points": points,
                    "earned": 0.0 if failure else points,
                    "message": failure,
                }
    finally:
        session.close()
    return {"tests": results, "cells": cells, "notes": notes, "seconds": time.perf_counter() - start}


def _probe_carried(session, carried, wrong):
    """Probe the carried functions pasted so far; a wrong one is replaced by the reference from now on."""
    notes = []
    for name, (chapter, entry) in list(carried.items()):
        del carried[name]
        with session.replaced(**wrong) if wrong else contextlib.nullcontext():  # judged on its own, not on an earlier mistake
            reason = carried_verdict(name, StudentFunction(session, name))
        if reason is not None:
            wrong[name] = carried_reference(name)
            text = carried_note(name, chapter, reason)
            entry["outputs"].append({"output_type": "stream", "name": "stdout", "text": text})
            notes.append(text.strip())
    return notes


class Session:
    """One sandboxed worker and the conversation with it."""

    def __init__(self, limits, slot, unsafe):
        self.limits = limits
        self.deadline = time.monotonic() + limits.wall_seconds
        self.box = sandbox.start(limits, slot, unsafe)
        self.reader = _DeadlineReader(self.box.from_worker.fileno(), self)
        self.channel = wire.Channel(self.reader, self.box.to_worker, serve=self._serve_callback)
        self.stopped = None  # why the worker can no longer answer
        self.stand_in_failure = None  # a stand-in's check that failed during the current call

    def close(self):
        self.box.kill()

    # --- talking to the worker -----------------------------------------------------
    def request(self, header, blobs=()):
        if self.stopped:
            raise SubmissionStopped(self.stopped)
        try:
            self.channel.send(header, blobs)
            return self.channel.wait_for_reply()
        except (EOFError, BrokenPipeError, OSError, wire.WireError, TimeoutError) as error:
            self.stopped = _why_stopped(error, self.box.process)
            self.box.kill()
            raise SubmissionStopped(self.stopped) from None

    def call(self, target, args, kwargs):
        if self.stopped:
            raise SubmissionStopped(self.stopped)
        self.stand_in_failure = None
        try:
            return self.channel.call(target, args, kwargs)
        except (EOFError, BrokenPipeError, OSError, wire.WireError, TimeoutError) as error:
            self.stopped = _why_stopped(error, self.box.process)
            self.box.kill()
            raise SubmissionStopped(self.stopped) from None
        except Exception:
            # A stand-in's own check failed inside the student's call: in one kernel that
            # check's exception would reach the test unchanged, so here it does too.
            if self.stand_in_failure is not None:
                failure, self.stand_in_failure = self.stand_in_failure, None
                raise failure from None
            raise

    def _serve_callback(self, channel, header, blobs):
        """The worker calls back a function a test gave it (a stand-in, a cost function)."""
        target = header.get("target") or {}
        function = channel.exported.get(target.get("ref")) if header.get("op") == "call" else None
        if function is None:
            channel.reply(error={"type": "RuntimeError", "message": "only functions the tests passed can be called"})
            return
        received = []
        try:
            args = channel.decode(header.get("args"), blobs, received)
            kwargs = channel.decode(header.get("kwargs"), blobs, received)
            before = [a.copy() for a in received]
            value = function(*args, **kwargs)
        except Exception as error:
            if isinstance(error, AssertionError):  # the tests' CheckFailed
                self.stand_in_failure = error
            channel.reply(error=wire.describe_exception(error))
            return
        channel.reply(value, mutated=wire.changed_arrays(received, before))

    # --- cells -------------------------------------------------------------------------
    def run_student_cell(self, source, index):
        try:
            result = self.request({"op": "exec", "source": source, "index": index})
        except SubmissionStopped as stop:
            return [_error_output("SubmissionStopped", str(stop))]
        outputs = []
        for name in ("stdout", "stderr"):
            text = str(result.get(name, ""))[:OUTPUT_LIMIT]
            if text:
                outputs.append({"output_type": "stream", "name": name, "text": text})
        error = result.get("error")
        if error:
            outputs.append(_error_output(error.get("type", "Error"), error.get("message", ""), error.get("traceback", "")))
        return outputs

    def run_trusted_cell(self, source, namespace, overrides=None):
        """Run instructor code here; return (outputs, failure message or None).

        ``overrides`` binds names (carried functions found wrong) to the reference here too.
        """
        try:
            code = compile(source, "<test>", "exec")
        except SyntaxError as error:
            return [_error_output("SyntaxError", str(error))], f"SyntaxError: {error}"
        try:
            self._bring_student_names(code, namespace)
        except SubmissionStopped as stop:
            return [_error_output("SubmissionStopped", str(stop))], f"SubmissionStopped: {stop}"
        namespace.update(overrides or {})
        stdout = io.StringIO()
        failure = None
        before = {name: id(value) for name, value in namespace.items()}
        try:
            with contextlib.redirect_stdout(stdout), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                exec(code, namespace)
        except Exception as error:
            failure = f"{type(error).__name__}: {error}"
        # What the instructor's code bound is the tests' from now on, as in one shared kernel.
        namespace["__trusted__"].update(n for n, v in namespace.items() if before.get(n) != id(v))
        outputs = []
        if stdout.getvalue():
            outputs.append({"output_type": "stream", "name": "stdout", "text": stdout.getvalue()[:OUTPUT_LIMIT]})
        if failure:
            name, _, message = failure.partition(": ")
            outputs.append(_error_output(name, message))
        return outputs, failure

    def trusted_namespace(self, testkit_source):
        namespace = {"__name__": "__grading__", "np": np}
        exec(compile(testkit_source, "<testkit>", "exec"), namespace)
        namespace["replaced"] = self.replaced
        namespace["__trusted__"] = set(namespace)
        return namespace

    def _bring_student_names(self, code, namespace):
        """Bind, here, the student's names the code refers to: functions as proxies, data as copies."""
        wanted = _names_used(code) - namespace["__trusted__"]
        if not wanted:
            return
        available = self.request({"op": "names"})
        for name in wanted:
            kind = available.get(name)
            if kind is None:
                namespace.pop(name, None)
            elif kind == "callable":
                namespace[name] = StudentFunction(self, name)
            elif kind.startswith("module:"):
                module = kind.split(":", 1)[1]
                if module.split(".")[0] in TRUSTED_MODULES:
                    namespace[name] = importlib.import_module(module)
            else:
                namespace[name] = self.request({"op": "get", "name": name})

    @contextlib.contextmanager
    def replaced(self, **names):
        """testkit.replaced, across the sandbox: the student's code sees the tests' stand-ins."""
        blobs = []
        token = self.request({"op": "set", "values": self.channel.encode(names, blobs)}, blobs)
        try:
            yield
        finally:
            with contextlib.suppress(SubmissionStopped):
                self.request({"op": "restore", "token": token})


class StudentFunction:
    """Stands, in the grader, for a function the student defined; calling it runs it in the sandbox."""

    def __init__(self, session, name):
        self.session, self.name = session, name

    def __call__(self, *args, **kwargs):
        return self.session.call({"name": self.name}, args, kwargs)

    def __repr__(self):
        return f"<the student's {self.name}>"


class _DeadlineReader:
    """Reads the worker's pipe, giving up at the request's time limit or the submission's."""

    def __init__(self, fd, session):
        self.fd, self.session = fd, session

    def read(self, n):
        limit = min(self.session.deadline, time.monotonic() + self.session.limits.call_seconds)
        left = limit - time.monotonic()
        if left <= 0 or not select.select([self.fd], [], [], left)[0]:
            raise TimeoutError("the student's code ran past its time limit")
        return os.read(self.fd, n)


def _why_stopped(error, process):
    if isinstance(error, TimeoutError):
        return "your code ran past its time limit (an endless loop?), so it was stopped"
    if isinstance(error, wire.WireError):
        return f"your code's process sent a broken answer ({error})"
    process.poll()
    code = process.returncode
    if code is not None and code < 0:
        signal_name = {9: "killed (out of memory or time?)", 24: "stopped by the CPU-time limit", 25: "stopped by the file-size limit"}
        return f"your code's process was {signal_name.get(-code, f'ended by signal {-code}')}"
    return "your code ended its own process (os._exit, or a crash), so the remaining tests could not run"


def _names_used(code):
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names_used(const)
    return names


def _error_output(name, message, text=""):
    return {"output_type": "error", "ename": name, "evalue": message[:4000], "traceback": [text or f"{name}: {message}"]}


