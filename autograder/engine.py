"""Grade one submission: student code in the sandbox, every check in this process.

The plan follows the notebook. The student's cells (their solutions, and code
cells they wrote) run in the sandboxed worker; the instructor's locked cells
and every test cell run here, from the chapter's source (never the submitted
copy). Their namespace holds only what the chapter's own trusted cells define,
the test kit, real builtins, and one *proxy* for each exercise function the
chapter declares (the grade ids of its solution cells, carried ones included):
calling a proxy sends plain-data arguments to the worker and brings back plain
data. Nothing else of the student's is ever fetched: a name a test uses that
the chapter does not define is an error in the chapter, which
``undefined_test_names`` finds in the test suite. So a test cell means what it
means in the student's own kernel, but:

* monkeypatching numpy, the checks or builtins changes only the worker's copies,
  and a student's global ``range`` or ``float`` is never seen by a test;
* the tests' source, the hidden inputs' seed and the grade never enter the sandbox;
* the sandbox can call back only the stand-ins a test gives to ``replaced(...)``,
  while its ``with`` block runs, and the functions a test defines and passes to
  an exercise, while that call runs; never a type, a builtin or a library function;
* a test cell's code runs inside ``reported(...)``, which in the student's
  notebook prints a failure on stderr; here it is the grader's own, which lets
  the error through: a test fails when it raises, whatever the student prints.

``grade_submission`` returns plain data (JSON-able), so it can run in another
process or on a Dask worker; one process writes the gradebook.
"""

import ast
import builtins
import contextlib
import io
import os
import resource
import select
import threading
import time
import types
import warnings

import nbformat
import numpy as np

from chapterkit import cells as nbcells
from chapterkit.cells import carried_name, global_names

from . import sandbox, wire
from .carried import home_chapter
from .carried import note as carried_note
from .carried import reference as carried_reference
from .carried import verdict as carried_verdict
from .limits import CALLBACK_BYTES, CALLBACK_MEMORY, ERROR_CHARACTERS, Limits
from .needless import NOT_RUN, is_keep_going, needless

FIGURE_TAGS = {"hide-input", "remove-input", "remove-cell"}  # instructor figures: not graded, not run
TESTKIT_ID = "testkit"


# Grade_submission's "timing": seconds spent, and the wire's round trips (requests to the
# worker, and callbacks it made to the tests' functions; callbacks happen within requests).
TIMING = (
    "sandbox_start",
    "student_cells",
    "test_cells",
    "sandbox_end",
    "requests",
    "request_seconds",
    "callbacks",
    "callback_seconds",
)


class SubmissionStopped(RuntimeError):
    """The student's process ended or stopped answering (a time limit, os._exit, a crash)."""


# --- the plan -----------------------------------------------------------------------


def plan(source_nb, submitted_nb):
    """[(where, cell)] in notebook order: where is "sandbox", "trusted" or "testkit"."""
    submitted_by_id = {c.get("id"): c for c in submitted_nb.cells if c.get("id")}
    submitted_by_grade = nbcells.by_grade_id(submitted_nb)
    steps, used = [], set()
    source_ids = {c.get("id") for c in source_nb.cells}
    for cell in source_nb.cells:
        if cell.cell_type != "code" or nbcells.is_self_check(cell):
            continue  # the self-check is the student's re-run of the visible tests: the grader runs every test cell itself
        if nbcells.is_testkit(cell):
            steps.append(("testkit", cell))
        elif nbcells.is_test(cell) or (nbcells.is_locked(cell) and not nbcells.is_solution(cell)):
            steps.append(("trusted", cell))
        elif nbcells.is_solution(cell):
            mine = submitted_by_grade.get(nbcells.grade_id(cell))
            if mine is not None and mine.cell_type == "code":
                steps.append(("sandbox", mine))
                used.add(id(mine))
        elif FIGURE_TAGS & set(cell.metadata.get("tags", [])):
            imports = _imports_of(cell)  # a figure cell may hold the chapter's `import numpy as np`
            if imports is not None:
                steps.append(("sandbox", imports))
        else:
            mine = submitted_by_id.get(cell.get("id"), cell)
            steps.append(("sandbox", mine))
            used.add(id(mine))
        # Cells the student added after this one run here, in their order.
        steps += _added_after(submitted_nb, cell.get("id"), source_ids, used)
    return steps


def _imports_of(cell):
    """The figure cell reduced to its top-level imports (matplotlib's aside: figures are not drawn), or None."""
    try:
        tree = ast.parse(cell.source)
    except SyntaxError:
        return None
    lines = [
        ast.get_source_segment(cell.source, node).strip()
        for node in top_level(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        and not any(name.startswith("matplotlib") for name in _module_names(node))
    ]
    if not lines:
        return None
    return nbformat.from_dict({**cell, "source": "\n".join(lines) + "\n", "outputs": []})


def top_level(tree):
    """The cell's top-level statements; those of its ``with keep_going():`` count as top-level too."""
    for node in tree.body:
        if isinstance(node, ast.With) and is_keep_going(node):
            yield from node.body
        else:
            yield node


def _module_names(node):
    return [node.module or ""] if isinstance(node, ast.ImportFrom) else [alias.name for alias in node.names]


def exercise_names(source_nb):
    """The functions the chapter asks the student for: the grade ids of its solution cells."""
    names = []
    for cell in source_nb.cells:
        if cell.cell_type == "code" and nbcells.is_solution(cell) and nbcells.grade_id(cell):
            name = nbcells.grade_id(cell).removeprefix(nbcells.CARRIED_PREFIX)
            if name.isidentifier() and name not in names:
                names.append(name)
    return names


def undefined_test_names(source_nb):
    """[(grade_id, names)]: names the trusted cells read that nothing trusted defines.

    What a test may use is what the grading namespace holds: builtins, the test
    kit, the exercise functions, and what the chapter's trusted cells (locked
    cells and tests) bind, in notebook order. Anything else would have to come
    from the student, so it is a mistake in the chapter.
    """
    defined = set(dir(builtins)) | set(exercise_names(source_nb)) | {"np", "replaced", "reported"}
    found = []
    for where, cell in plan(source_nb, source_nb):
        if where == "sandbox":
            continue
        read, bound = global_names(compile(cell.source, "<test>", "exec"))
        defined |= bound
        if read - defined:
            found.append((nbcells.grade_id(cell), sorted(read - defined)))
    return found


def _added_after(submitted_nb, anchor_id, source_ids, used):
    cells = submitted_nb.cells
    positions = [i for i, c in enumerate(cells) if c.get("id") == anchor_id]
    added = []
    if positions:
        for cell in cells[positions[0] + 1 :]:
            if cell.get("id") in source_ids or "nbgrader" in cell.get("metadata", {}):
                break
            if cell.cell_type == "code" and id(cell) not in used:
                added.append(("sandbox", cell))
                used.add(id(cell))
    return added


# --- one submission -------------------------------------------------------------------


def messages_for(submitted_nb, source_nb):
    """The test kit's catalog for a submission's language, hidden tests' sentences included."""
    from chapterkit.i18n import LANGUAGES, testkit_catalog

    language = submitted_nb.get("metadata", {}).get("course", {}).get("language", "en")
    chapter = source_nb.get("metadata", {}).get("course", {}).get("chapter")
    if language not in LANGUAGES:
        return {}
    return testkit_catalog(language, chapter, hidden=True)


def grade_submission(source_nb, submitted_nb, limits=Limits(), unsafe=False):
    """Grade one submission: the one record of what ran, which ``record`` stores as it is.

    Returns {"tests": {grade_id: {"points", "earned", "message"}}, "cells": [...],
    "notes": [...], "seconds": s}; "cells" lists every cell that ran, in order, as
    {"where": "sandbox" or "trusted", "id", "grade_id" (trusted ones), "outputs"}.

    Raises sandbox.SandboxUnavailable when the sandbox cannot start: that is the
    grading machine's problem, never the student's.
    """
    start = time.perf_counter()
    steps = plan(source_nb, submitted_nb)
    testkit = next((cell.source for where, cell in steps if where == "testkit"), "")
    results, cells, notes = {}, [], []
    carried = {}  # name -> (its home chapter, its cell's entry in `cells`), until probed
    source_cells = nbcells.by_grade_id(source_nb)
    wrong = {}  # carried name -> the reference that stands in for it
    exercises = exercise_names(source_nb)
    left_out = needless(steps, source_nb, exercises)
    session = Session(limits, unsafe)
    try:
        namespace = session.trusted_namespace(testkit, exercises)
        # The tests speak the submission's language (its notebook's metadata); English when it has none.
        catalog = messages_for(submitted_nb, source_nb)
        if catalog:
            namespace.setdefault("MESSAGES", {}).update(catalog)
        for index, (where, cell) in enumerate(steps):
            if where == "testkit":
                continue
            if index in left_out:
                note = {"output_type": "stream", "name": "stdout", "text": NOT_RUN}
                cells.append({"where": "sandbox", "id": cell.get("id"), "outputs": [note]})
                continue
            if where == "sandbox":
                with session.clock("student_cells"):
                    outputs = session.run_student_cell(cell.source, len(cells))
                cells.append({"where": "sandbox", "id": cell.get("id"), "outputs": outputs})
                # Which cell is carried, and from where, the source says: never the student's metadata.
                source_cell = source_cells.get(nbcells.grade_id(cell))
                if source_cell is not None and carried_name(source_cell):
                    carried[carried_name(source_cell)] = (home_chapter(source_cell), cells[-1])
                continue
            if nbcells.is_test(cell):
                notes += _probe_carried(session, carried, wrong)
            with session.clock("test_cells"), _standing_in(session, wrong):
                outputs, failure = session.run_trusted_cell(cell.source, namespace)
            cells.append(
                {"where": "trusted", "id": cell.get("id"), "grade_id": nbcells.grade_id(cell), "outputs": outputs}
            )
            if nbcells.is_test(cell):
                points = nbcells.points(cell)
                results[nbcells.grade_id(cell)] = {
                    "points": points,
                    "earned": 0.0 if failure else points,
                    "message": failure,
                }
    finally:
        session.close()
    return {
        "tests": results,
        "cells": cells,
        "notes": notes,
        "seconds": time.perf_counter() - start,
        "timing": session.timing,
    }


def _probe_carried(session, carried, wrong):
    """Probe the carried functions pasted so far; a wrong one is replaced by the reference from now on."""
    notes = []
    for name, (chapter, entry) in list(carried.items()):
        del carried[name]
        with _standing_in(session, wrong):  # judged on its own, not on an earlier mistake
            reason = carried_verdict(name, StudentFunction(session, name))
        if session.stopped:  # the process ended: the tests will say why; that is no verdict on this function
            return notes
        if reason is not None:
            wrong[name] = carried_reference(name)
            session.namespace[name] = wrong[name]  # the tests' own calls get the reference too
            text = carried_note(name, chapter, reason)
            entry["outputs"].append({"output_type": "stream", "name": "stdout", "text": text})
            notes.append(text.strip())
    return notes


@contextlib.contextmanager
def _standing_in(session, references):
    """The references in place of wrong carried functions, while the sandbox still answers.

    Once the student's process has stopped there is nothing to replace, and the
    test cells report the stop themselves: it is never an error of the grader.
    """
    with contextlib.ExitStack() as stack:
        if references and not session.stopped:
            with contextlib.suppress(SubmissionStopped):
                stack.enter_context(session.replaced(**references))
        yield


_STOPPED = (EOFError, BrokenPipeError, OSError, wire.WireError, TimeoutError)


class Session:
    """One sandboxed worker and the conversation with it, under one deadline."""

    def __init__(self, limits, unsafe):
        self.limits = limits
        self.deadline = time.monotonic() + limits.wall_seconds
        # Where the time went (seconds, and counts of wire round trips): cheap, for the benchmark.
        self.timing = dict.fromkeys(TIMING, 0)
        with self.clock("sandbox_start"):
            self.box = sandbox.start(limits, unsafe)
            try:
                self.box.wait_ready(limits.call_seconds)
            except BaseException:
                self.box.kill()
                raise
        # The kill timer: whatever the grader is doing, the sandbox ends at the deadline.
        self.timer = threading.Timer(limits.wall_seconds + 1, self.box.stop)
        self.timer.daemon = True
        self.timer.start()
        pipes = _DeadlinePipes(self.box.from_worker.fileno(), self.box.to_worker.fileno(), self)
        self.channel = wire.Channel(pipes, pipes, serve=self._serve_callback)
        self.stopped = None  # why the worker can no longer answer
        self.stand_in_failure = None  # a stand-in's check that failed during the current call
        self.namespace = None  # the tests' namespace, once made

    def close(self):
        self.timer.cancel()
        with self.clock("sandbox_end"):
            self.box.kill()

    @contextlib.contextmanager
    def clock(self, key):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timing[key] += time.perf_counter() - start

    # --- talking to the worker -----------------------------------------------------
    def request(self, header, blobs=()):
        def exchange():
            self.channel.send(header, blobs)
            return self.channel.wait_for_reply()

        return self._exchange(exchange)

    def call(self, target, args, kwargs):
        """Call a student function; a function the tests defined may be an argument, for this call only."""
        offered = [
            self.channel.offer(v)
            for v in [*args, *kwargs.values()]
            if self._defined_by_tests(v) and not self.channel.is_offered(v)
        ]
        return self._exchange(lambda: self.channel.call(target, args, kwargs), offered)

    def _exchange(self, exchange, offered=()):
        """Run one request and its reply: the one place where talking to the worker can fail.

        A worker that stopped answering makes SubmissionStopped, now and for
        every later request. A stand-in's own check that failed while the
        worker ran reaches the caller unchanged, as it would in one kernel.
        The functions offered for this request are revoked after it.
        """
        try:
            if self.stopped:
                raise SubmissionStopped(self.stopped)
            self.stand_in_failure = None
            self.timing["requests"] += 1
            try:
                with self.clock("request_seconds"):
                    return exchange()
            except _STOPPED as error:
                self.stopped = _why_stopped(error, self.box.process)
                self.box.stop()
                raise SubmissionStopped(self.stopped) from None
            except Exception:
                if self.stand_in_failure is not None:
                    failure, self.stand_in_failure = self.stand_in_failure, None
                    raise failure from None
                raise
        finally:
            self.channel.revoke(offered)

    def _defined_by_tests(self, value):
        # A def or lambda of the chapter's trusted cells, or a method of an object of a class they
        # define: never a type, a builtin or a library's function, which could be called with
        # arguments the student chose to reach the grader's memory.
        function = value.__func__ if isinstance(value, types.MethodType) else value
        return isinstance(function, types.FunctionType) and function.__globals__ is self.namespace

    def _serve_callback(self, channel, header, blobs):
        """The worker calls back a function a test offered: a ``replaced`` stand-in, or a call's argument."""
        self.timing["callbacks"] += 1
        with self.clock("callback_seconds"):
            self._serve_offered(channel, header, blobs)

    def _serve_offered(self, channel, header, blobs):
        target = header.get("target")
        ref = target.get("ref") if isinstance(target, dict) else None
        function = channel.offered.get(ref) if header.get("op") == "call" and type(ref) is int else None
        if function is None:
            channel.reply(
                error={
                    "type": "RuntimeError",
                    "message": "only the tests' functions in use (a replaced() stand-in "
                    "inside its block, or a function passed to the running call) can be called",
                }
            )
            return
        if sum(map(len, blobs)) > CALLBACK_BYTES:
            channel.reply(error={"type": "ValueError", "message": "too much data passed to a function of the tests"})
            return
        received = []
        try:
            args = channel.decode(header.get("args"), blobs, received)
            kwargs = channel.decode(header.get("kwargs"), blobs, received)
            if not isinstance(args, list) or not isinstance(kwargs, dict):
                raise wire.WireError("malformed call arguments")
            before = [a.copy() for a in received]
            with _memory_cap(CALLBACK_MEMORY):
                value = function(*args, **kwargs)
        except Exception as error:
            if isinstance(error, AssertionError):  # the tests' CheckFailed
                self.stand_in_failure = error
            channel.reply(error=wire.describe_exception(error))
            return
        try:
            channel.reply(value, mutated=wire.changed_arrays(received, before))
        except wire.NotPlainData as error:
            channel.reply(error=wire.describe_exception(error))

    # --- cells -------------------------------------------------------------------------
    def run_student_cell(self, source, index):
        try:
            result = self.request({"op": "exec", "source": source, "index": index})
        except SubmissionStopped as stop:
            return [_error_output("SubmissionStopped", str(stop))]
        if not isinstance(result, dict):
            return [_error_output("SubmissionStopped", "your code's process sent a broken answer")]
        outputs = []
        for name in ("stdout", "stderr"):
            text = result.get(name)
            if isinstance(text, str) and text:
                outputs.append(
                    {"output_type": "stream", "name": name, "text": _kept(text, self.limits.output_characters)}
                )
        if result.get("error") is not None:
            outputs.append(_error_output(*wire.error_fields(result["error"])))
        return outputs

    def run_trusted_cell(self, source, namespace):
        """Run instructor code here; return (outputs, failure message or None)."""
        try:
            code = compile(source, "<test>", "exec")
        except SyntaxError as error:
            return [_error_output("SyntaxError", str(error))], f"SyntaxError: {error}"
        stdout = io.StringIO()
        failure = None
        try:
            with contextlib.redirect_stdout(stdout), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                exec(code, namespace)
        except Exception as error:
            failure = f"{type(error).__name__}: {error}"
        outputs = []
        if stdout.getvalue():
            outputs.append(
                {
                    "output_type": "stream",
                    "name": "stdout",
                    "text": _kept(stdout.getvalue(), self.limits.output_characters),
                }
            )
        if failure:
            name, _, message = failure.partition(": ")
            outputs.append(_error_output(name, message))
        return outputs, failure

    def trusted_namespace(self, testkit_source, exercises):
        namespace = {"__name__": "__grading__", "__builtins__": builtins, "np": np}
        exec(compile(testkit_source, "<testkit>", "exec"), namespace)
        namespace["replaced"] = self.replaced
        namespace["reported"] = _decided_here  # its error is its verdict here
        namespace.update({name: StudentFunction(self, name) for name in exercises})
        self.namespace = namespace
        return namespace

    @contextlib.contextmanager
    def replaced(self, **names):
        """testkit.replaced, across the sandbox: the student's code sees the tests' stand-ins.

        A callable stand-in is offered to the worker for the ``with`` block only;
        anything else given must be plain data.
        """
        offered = [self.channel.offer(v) for v in names.values() if callable(v)]
        try:
            blobs = []
            token = self.request({"op": "set", "values": self.channel.encode(names, blobs)}, blobs)
            try:
                yield
            finally:
                with contextlib.suppress(SubmissionStopped):
                    self.request({"op": "restore", "token": token})
        finally:
            self.channel.revoke(offered)


@contextlib.contextmanager
def _decided_here(grade_id, points):
    """The grader's ``reported``: the test's own error reaches ``run_trusted_cell``, which scores it.

    In the student's notebook ``reported`` prints a failure on stderr and lets
    the notebook go on; here nothing is printed and nothing is caught, so a
    test cell fails exactly when its code raises, as it did before the wrapper.
    """
    yield


class StudentFunction:
    """Stands, in the grader, for an exercise function; calling it runs the student's in the sandbox."""

    def __init__(self, session, name):
        self.session, self.name = session, name

    def __call__(self, *args, **kwargs):
        return self.session.call({"name": self.name}, args, kwargs)

    def __repr__(self):
        return f"<the student's {self.name}>"


class _DeadlinePipes:
    """Both pipes to the worker, each read and write bounded by the request's time limit and the submission's.

    A worker that stops reading must not hold the grader in write(), so the
    write end is non-blocking and written as far as the worker takes it.
    """

    def __init__(self, read_fd, write_fd, session):
        self.read_fd, self.write_fd, self.session = read_fd, write_fd, session
        self.unread = b""  # read from the pipe, not yet asked for: a message's parts arrive in one read
        os.set_blocking(write_fd, False)

    def _wait(self, readable):
        limit = min(self.session.deadline, time.monotonic() + self.session.limits.call_seconds)
        left = limit - time.monotonic()
        fds = ([self.read_fd], [], []) if readable else ([], [self.write_fd], [])
        if left <= 0 or not any(select.select(*fds, left)):
            raise TimeoutError("the student's code ran past its time limit")

    def read(self, n):
        if not self.unread:
            self._wait(readable=True)
            self.unread = os.read(self.read_fd, max(n, 2**16))
        chunk, self.unread = self.unread[:n], self.unread[n:]
        return chunk

    def write(self, data):
        view = memoryview(data)
        while view:
            self._wait(readable=False)
            try:
                view = view[os.write(self.write_fd, view) :]
            except BlockingIOError:
                continue
        return len(data)

    def flush(self):
        pass


@contextlib.contextmanager
def _memory_cap(extra):
    """Bound what trusted code may allocate here while it serves the sandbox.

    A stand-in computes with arrays the student chose (an outer product of a
    long vector, say); the address-space limit makes that a MemoryError here,
    sent back as the call's error, instead of the grading process's death.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = _address_space() + extra
    if soft != resource.RLIM_INFINITY and soft <= cap:
        yield
        return
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _address_space():
    # os.open and os.read: a third of open()'s cost, paid on every callback. (A kept descriptor
    # would be cheaper still, but would read the parent's statm in a forked child.)
    statm = os.open("/proc/self/statm", os.O_RDONLY | os.O_CLOEXEC)
    try:
        return int(os.read(statm, 256).split()[0]) * _PAGE_SIZE
    finally:
        os.close(statm)


_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def _why_stopped(error, process):
    if isinstance(error, TimeoutError):
        return "your code ran past its time limit (an endless loop?), so it was stopped"
    if isinstance(error, wire.WireError):
        return f"your code's process sent a broken answer ({error})"
    process.poll()
    code = process.returncode
    if code is not None and code < 0:
        signal_name = {
            9: "killed (out of memory or time?)",
            24: "stopped by the CPU-time limit",
            25: "stopped by the file-size limit",
        }
        return f"your code's process was {signal_name.get(-code, f'ended by signal {-code}')}"
    return "your code ended its own process (os._exit, or a crash), so the remaining tests could not run"


def _kept(text, limit):
    """At most ``limit`` characters of a cell's output, then how many more there were.

    The worker cuts its output so, with that note; only a worker the student
    tampered with sends more, and that is cut here the same way.
    """
    if len(text) <= limit + _NOTE_ROOM:
        return text
    return text[:limit] + f"\n[... {len(text) - limit} more characters not kept]"


_NOTE_ROOM = 64  # the worker's note after the characters it kept


def _error_output(name, message, text=""):
    return {
        "output_type": "error",
        "ename": name,
        "evalue": message[:ERROR_CHARACTERS],
        "traceback": [text or f"{name}: {message}"],
    }
