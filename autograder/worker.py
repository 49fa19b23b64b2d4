"""The student's side of grading. It runs inside the sandbox, never in the grader.

    python -I worker.py READ_FD WRITE_FD PROCESSES OUTPUT_CHARACTERS

It runs the submission's code cells when asked, then answers the grader's
requests: a call of one of the chapter's exercise functions with plain-data
arguments, and the tests' stand-ins to use for a while (``replaced``). Everything crosses through ``wire`` (JSON and raw array bytes, never
pickle). The tests themselves run in the grader's process, so nothing here
decides a grade: code that tampers with this process only changes its own
answers.

This file, wire.py and zygote.py (the warm sandbox's fork server, which calls
``serve`` in each fork) are the only grader files the sandbox can see.
"""

import builtins
import contextlib
import io
import os
import resource
import sys
import traceback
import warnings

_MISSING = object()


class _Bounded(io.StringIO):
    """A text stream that keeps its first ``limit`` characters and counts the rest."""

    def __init__(self, limit):
        super().__init__()
        self.limit = limit
        self.dropped = 0

    def write(self, text):
        text = str(text)
        room = self.limit - self.tell()
        if room > 0:
            super().write(text[:room])
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def text(self):
        value = self.getvalue()
        return value + (f"\n[... {self.dropped} more characters not kept]" if self.dropped else "")


class _NotIPython:
    """Enough of get_ipython() for cells written in Jupyter: magics do nothing here."""

    def run_line_magic(self, *args, **kwargs):
        return None

    def run_cell_magic(self, *args, **kwargs):
        return None

    def system(self, *args, **kwargs):
        return None

    def __getattr__(self, name):
        raise AttributeError(f"get_ipython().{name} is not available while grading")


class _KeepGoing:
    """The notebook's ``keep_going()``, which example and figure cells run in: here it lets the error through.

    In the student's notebook the test kit's prints such a cell's error and goes
    on; the test kit is not run here, and a cell's error is its own output, as
    it was before the cell was wrapped.
    """

    def __enter__(self):
        return self

    def __exit__(self, *error):
        return False


class Worker:
    def __init__(self, wire, reader, writer, output_characters):
        self.wire = wire
        self.output_characters = output_characters  # the grader's limit (autograder/limits.py)
        self.channel = wire.Channel(reader, writer, serve=self.serve, accept_offers=True)
        self.namespace = {
            "__name__": "__main__",
            "__builtins__": builtins,
            "get_ipython": _NotIPython,
            "keep_going": _KeepGoing,
        }
        self.saved = {}

    def loop(self):
        while True:
            try:
                header, blobs = self.channel.receive()
            except EOFError:
                return
            self.serve(self.channel, header, blobs)

    def serve(self, channel, header, blobs):
        op = header.get("op")
        handler = getattr(self, f"op_{op}", None) if isinstance(op, str) and op.isidentifier() else None
        if handler is None:
            channel.reply(error={"type": "RuntimeError", "message": f"unknown request {op!r}"})
            return
        handler(header, blobs)

    # --- requests -----------------------------------------------------------------
    def op_exec(self, header, blobs):
        source = str(header.get("source", ""))
        stdout, stderr = _Bounded(self.output_characters), _Bounded(self.output_characters)
        error = None
        try:
            code = compile(plain_python(source), f"<cell {header.get('index', '?')}>", "exec")
            with _captured(stdout, stderr), warnings.catch_warnings():
                warnings.simplefilter("default")
                exec(code, self.namespace)
        except BaseException as exc:  # SystemExit and KeyboardInterrupt too: a cell cannot stop grading
            error = self.wire.describe_exception(exc, _student_traceback(exc))
        self.channel.reply({"stdout": stdout.text(), "stderr": stderr.text(), "error": error})

    def op_call(self, header, blobs):
        target = header.get("target") or {}
        try:
            function = self._target(target)
            received = []
            args = self.channel.decode(header.get("args"), blobs, received)
            kwargs = self.channel.decode(header.get("kwargs"), blobs, received)
            if not isinstance(args, list) or not isinstance(kwargs, dict):
                raise self.wire.WireError("malformed call arguments")
            before = [a.copy() for a in received]
        except Exception as exc:
            self.channel.reply(error=self.wire.describe_exception(exc))
            return
        stdout, stderr = _Bounded(self.output_characters), _Bounded(self.output_characters)
        try:
            # Warnings are not wrong answers: a naive sigmoid's overflow warning costs nothing.
            with _captured(stdout, stderr), warnings.catch_warnings(), _quiet_numpy():
                warnings.simplefilter("ignore")
                result = function(*args, **kwargs)
        except BaseException as exc:
            self.channel.reply(
                error=self.wire.describe_exception(exc, _student_traceback(exc)),
                mutated=self.wire.changed_arrays(received, before),
            )
            return
        self._reply_value(result, self.wire.changed_arrays(received, before))

    def op_set(self, header, blobs):
        try:
            values = self.channel.decode(header.get("values"), blobs)
            if not isinstance(values, dict):
                raise self.wire.WireError("set needs a dict of names")
        except Exception as exc:
            self.channel.reply(error=self.wire.describe_exception(exc))
            return
        token = len(self.saved) + 1
        self.saved[token] = {name: self.namespace.get(name, _MISSING) for name in values}
        self.namespace.update(values)
        self.channel.reply(token)

    def op_restore(self, header, blobs):
        for name, value in self.saved.pop(header.get("token"), {}).items():
            if value is _MISSING:
                self.namespace.pop(name, None)
            else:
                self.namespace[name] = value
        self.channel.reply(None)

    # --- helpers --------------------------------------------------------------------
    def _target(self, target):
        name = target.get("name") if isinstance(target, dict) else None
        if not isinstance(name, str) or name not in self.namespace:
            raise NameError(f"name {name!r} is not defined")
        return self.namespace[name]

    def _reply_value(self, value, mutated=()):
        try:
            self.channel.reply(value, mutated=mutated)
        except (self.wire.WireError, self.wire.NotPlainData) as exc:
            self.channel.reply(error=self.wire.describe_exception(exc))


@contextlib.contextmanager
def _captured(stdout, stderr):
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = stdout, stderr
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


@contextlib.contextmanager
def _quiet_numpy():
    numpy = sys.modules.get("numpy")
    if numpy is None:
        yield
        return
    with numpy.errstate(all="ignore"):
        yield


def plain_python(source):
    """Cells may hold IPython syntax (%magics, !commands); turn it into calls that do nothing."""
    if not any(line.lstrip().startswith(("%", "!")) for line in source.splitlines()):
        return source
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


def _student_traceback(error):
    """The traceback's frames from the student's cells only: nothing of the grader's."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.startswith("<cell")]
    lines = traceback.format_list(frames) + traceback.format_exception_only(type(error), error)
    return "".join(lines)


def main():
    read_fd, write_fd, processes, output_characters = (int(a) for a in sys.argv[1:5])
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    serve(read_fd, write_fd, processes, output_characters)


def serve(read_fd, write_fd, processes, output_characters):
    """Answer the grader on these two pipes until it closes them (a fresh process, or a warm fork of zygote.py)."""
    # Set here, inside the sandbox's own user namespace, the process limit counts
    # this sandbox's processes only, not every process of the account grading.
    if processes:
        resource.setrlimit(resource.RLIMIT_NPROC, (processes, processes))
    # stderr leads to the grader's log of the sandbox's start: student code gets /dev/null.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    import wire

    reader = os.fdopen(read_fd, "rb")
    writer = os.fdopen(write_fd, "wb")
    worker = Worker(wire, reader, writer, output_characters)
    worker.channel.send({"op": "ready"})  # the sandbox started; the grader waits for this first
    worker.loop()


if __name__ == "__main__":
    main()
