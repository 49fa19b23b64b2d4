"""Start the student's side of grading (``worker.py``) inside a bubblewrap sandbox.

Each sandbox has:

* a fresh identity: its own user namespace (the worker is ``nobody`` in it) and,
  when grading as root, an outside uid of its own, from a slot no other sandbox
  holds at the same time (``claim_slot``: a lock file per slot, so two grading
  processes, or two runs, can never share one);
* a seccomp filter (``seccomp.py``): no kernel keyrings, no tracing, no mounts,
  no new namespaces, no bpf or perf;
* no network (a network namespace of its own, with nothing in it);
* a read-only view of the system: just /usr, the Python installation and the
  virtual environment, plus the two grader files it needs;
* three writable folders, ``/sandbox`` (its working folder), ``/tmp`` and
  ``/dev/shm``, each a size-capped tmpfs that vanishes with it: nothing it
  writes reaches the host's disk;
* a budget for the whole sandbox, forked children and tmpfs included: a cgroup
  (``budget.py``) for memory, processes and CPU where one can be made (as root,
  or in the cgroups an administrator delegated to the grading user), and
  per-process limits on CPU time, address space, files and output size.

As root, bubblewrap first builds the view and the namespaces, then drops to
the slot's uid with no capabilities, and a second, unprivileged bubblewrap
makes the user namespace and loads the filter. As an ordinary user one
bubblewrap does both. Either way the process limit is set by the worker itself,
inside the user namespace, where it counts the sandbox's processes only.

``--unsafe`` runs the worker as a plain subprocess with the same limits and no
isolation, for machines without bubblewrap, and says so loudly.
"""

import fcntl
import os
import resource
import select
import shutil
import stat
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import budget, seccomp, wire
from .limits import Limits

HERE = Path(__file__).resolve().parent
# Outside uids of the sandboxes when grading as root: far above the ranges that
# accounts, systemd's dynamic users (61184-65519) and containers (up to 1879048191) use.
SLOT_UID_BASE = 2_000_000_000
SLOTS = 4096
NOBODY = 65534


class SandboxUnavailable(RuntimeError):
    """The sandbox cannot start here: bubblewrap is missing, or the machine refuses what it needs."""


def bubblewrap():
    return shutil.which("bwrap")


def check_available(limits=Limits()):
    """Raise SandboxUnavailable with the reason if a sandbox cannot be made here.

    The probe is a real sandbox, with the limits, namespaces and filter of
    grading, that must answer one request: what would fail for every student
    fails here first, before anyone is graded.
    """
    if bubblewrap() is None:
        raise SandboxUnavailable(
            "bubblewrap (bwrap) is not installed, so student code cannot be isolated. Install it "
            "(Debian: apt-get install bubblewrap), or pass --unsafe to grade without a sandbox."
        )
    box = start(limits)
    try:
        box.wait_ready(limits.call_seconds)
        channel = wire.Channel(box.from_worker, box.to_worker)
        channel.send({"op": "exec", "source": "import numpy", "index": 0})
        ready, _, _ = select.select([box.from_worker], [], [], limits.call_seconds)
        reply = channel.wait_for_reply() if ready else None
        if not isinstance(reply, dict) or reply.get("error") is not None:
            raise SandboxUnavailable(f"a sandbox starts but cannot run Python with numpy: {reply!r:.300}")
    except (EOFError, OSError, wire.WireError) as error:
        raise SandboxUnavailable(f"a sandbox cannot run here: {box.errors() or error}") from None
    finally:
        box.kill()


def claim_slot():
    """(slot, lock file) of a slot no other sandbox on this machine holds; the slot is free again when the file closes."""
    folder = (
        Path("/run/autograder-slots")
        if os.geteuid() == 0
        else Path(tempfile.gettempdir()) / f"autograder-slots-{os.geteuid()}"
    )
    folder.mkdir(mode=0o700, exist_ok=True)
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077:
        raise SandboxUnavailable(
            f"{folder} is not a private folder of this user, so sandbox slots cannot be claimed safely"
        )
    for slot in range(SLOTS):
        lock = open(folder / str(slot), "a")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return slot, lock
        except BlockingIOError:
            lock.close()
    raise SandboxUnavailable(f"all {SLOTS} sandbox slots are in use")


@dataclass
class Sandboxed:
    """A running worker: its process, the two pipe ends the grader talks through, and what it holds."""

    process: subprocess.Popen
    to_worker: object
    from_worker: object
    scratch: Path
    slot_lock: object
    budget: object  # budget.Budget or None

    def wait_ready(self, seconds):
        """Wait for the worker's first word, sent before any student code runs.

        Raise SandboxUnavailable if it does not come: then the sandbox itself
        could not start, which is the grading machine's problem, not the student's.
        """
        ready, _, _ = select.select([self.from_worker], [], [], seconds)
        try:
            if not ready:
                raise TimeoutError(f"no answer in {seconds:g} s")
            header, _ = wire.Channel(self.from_worker, None).receive(max_blobs=0)
            if header.get("op") != "ready":
                raise wire.WireError("an unexpected first message")
        except (EOFError, OSError, TimeoutError, wire.WireError) as error:
            raise SandboxUnavailable(f"the sandbox could not start: {self.errors() or error}") from None

    def errors(self):
        """What bubblewrap or setpriv said on stderr (the worker silences its own)."""
        try:
            return (self.scratch / "errors").read_text(errors="replace").strip()[:300]
        except OSError:
            return ""

    def stop(self):
        """Kill every process of the sandbox now (safe from another thread)."""
        if self.budget is not None:
            self.budget.kill()
        try:
            os.killpg(self.process.pid, 9)
        except (ProcessLookupError, PermissionError):
            pass

    def kill(self):
        """Stop the sandbox and release everything it held: pipes, cgroup, scratch folder, slot."""
        self.stop()
        self.process.wait()
        for stream in (self.to_worker, self.from_worker):
            try:
                stream.close()
            except OSError:
                pass
        if self.budget is not None:
            self.budget.remove()
        remove_tree(self.scratch)
        self.slot_lock.close()


def start(limits=Limits(), unsafe=False):
    """Start a worker in a fresh sandbox; return a Sandboxed."""
    slot, slot_lock = claim_slot()
    scratch = Path(tempfile.mkdtemp(prefix="grading-"))
    try:
        return _start(limits, unsafe, slot, slot_lock, scratch)
    except BaseException:
        remove_tree(scratch)
        slot_lock.close()
        raise


def _start(limits, unsafe, slot, slot_lock, scratch):
    grader = scratch / "grader"
    grader.mkdir()
    for name in ("worker.py", "wire.py"):
        shutil.copyfile(HERE / name, grader / name)
        (grader / name).chmod(0o644)
    # The slot's uid must read the grader's two files.
    scratch.chmod(0o755)
    grader.chmod(0o755)
    try:
        program = b"" if unsafe else seccomp.program()
    except seccomp.UnsupportedMachine as error:
        raise SandboxUnavailable(str(error)) from None
    request_read, request_write = os.pipe()
    reply_read, reply_write = os.pipe()
    filter_read, filter_write = os.pipe()
    os.write(filter_write, program)
    os.close(filter_write)
    worker = "/grader/worker.py" if not unsafe else str(grader / "worker.py")
    inner = [
        sys.executable,
        "-I",
        "-B",
        worker,
        str(request_read),
        str(reply_write),
        str(0 if unsafe else limits.processes),
        str(limits.output_characters),
    ]
    if unsafe:
        command, work = inner, scratch / "work"
        work.mkdir()
    else:
        command, work = _bwrap_command(inner, grader, limits, SLOT_UID_BASE + slot, filter_read), Path("/sandbox")
    group = None
    try:
        group = (
            None
            if unsafe
            else budget.create(f"{os.getpid()}-{slot}", limits.memory_bytes, limits.processes, limits.cpus)
        )
        if group is not None:
            command = group.wrap(command)
        with open(scratch / "errors", "wb") as errors:
            process = subprocess.Popen(
                command,
                pass_fds=(request_read, reply_write, filter_read),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                cwd=str(scratch if not unsafe else work),
                env=_environment(work),
                start_new_session=True,
                preexec_fn=lambda: _enter(group, limits),
            )
    except OSError as error:  # a cgroup refused, or the command could not run: the machine's problem
        if group is not None:
            group.remove()
        for fd in (request_read, request_write, reply_read, reply_write, filter_read):
            os.close(fd)
        raise SandboxUnavailable(f"the sandbox could not start: {error}") from None
    for fd in (request_read, reply_write, filter_read):
        os.close(fd)
    return Sandboxed(process, os.fdopen(request_write, "wb"), os.fdopen(reply_read, "rb"), scratch, slot_lock, group)


def _bwrap_command(inner, grader, limits, uid, filter_fd):
    """bwrap's arguments: the view, the namespaces, and (in the last one) the filter."""
    python_home = Path(sys.base_prefix).resolve()
    venv = Path(sys.prefix).resolve()
    command = [bubblewrap(), "--die-with-parent", "--new-session"]
    as_root = os.geteuid() == 0
    if as_root:
        command += ["--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
    else:
        command += ["--unshare-all", "--unshare-user", "--disable-userns", "--uid", str(NOBODY), "--gid", str(NOBODY)]
    # /tmp first: a tmpfs mounted later would hide a venv or Python that lives under /tmp.
    size = str(limits.folder_bytes)
    command += ["--ro-bind", "/usr", "/usr", "--perms", "1777", "--size", size, "--tmpfs", "/tmp"]
    for name in ("lib", "lib64", "bin", "sbin"):
        path = Path("/") / name
        if path.is_symlink():
            command += ["--symlink", os.readlink(path), f"/{name}"]
        elif path.is_dir():
            command += ["--ro-bind", str(path), f"/{name}"]
    made = set()
    for path in sorted({python_home, venv}):
        # bwrap would create the folders leading to a mount point readable by root only.
        for parent in reversed(path.parents[:-1]):
            if parent not in made and not str(parent).startswith("/usr") and parent != Path("/tmp"):
                command += ["--perms", "0755", "--dir", str(parent)]
                made.add(parent)
        command += ["--ro-bind", str(path), str(path)]
    command += [
        "--ro-bind",
        str(grader),
        "/grader",
        "--perms",
        "1777",
        "--size",
        size,
        "--tmpfs",
        "/sandbox",
        "--chdir",
        "/sandbox",
        "--proc",
        "/proc",
        # bwrap's /dev/shm is a folder of an unbounded tmpfs: give it the same cap.
        "--dev",
        "/dev",
        "--perms",
        "1777",
        "--size",
        size,
        "--tmpfs",
        "/dev/shm",
    ]
    if as_root:
        # Drop to the slot's uid, then an unprivileged bwrap makes the user namespace
        # (root's would map to uid 0 outside, which may signal the grader).
        command += [
            "--",
            "/usr/bin/setpriv",
            f"--reuid={uid}",
            f"--regid={uid}",
            "--clear-groups",
            "--inh-caps=-all",
            "--bounding-set=-all",
            "--",
            bubblewrap(),
            "--die-with-parent",
            "--new-session",
            "--unshare-user",
            "--disable-userns",
            "--uid",
            str(NOBODY),
            "--gid",
            str(NOBODY),
            "--bind",
            "/",
            "/",
            "--dev",
            "/dev",
            "--perms",
            "1777",
            "--size",
            size,
            "--tmpfs",
            "/dev/shm",
            "--chdir",
            "/sandbox",
        ]
    return command + ["--seccomp", str(filter_fd), "--"] + inner


def _environment(home):
    return {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "MPLBACKEND": "Agg",  # figures are not graded
        "MPLCONFIGDIR": "/tmp",
        # One thread each: grading runs submissions side by side, and address-space
        # limits count every BLAS thread's buffers.
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PYTHONHASHSEED": "0",
    }


def _enter(group, limits):
    # Runs in the child before exec; everything it starts stays in the cgroup and under these limits.
    # The process limit is not set here: it would count every process of the account (see worker.py).
    if group is not None:
        group.enter()
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
    resource.setrlimit(resource.RLIMIT_NOFILE, (limits.open_files, limits.open_files))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def remove_tree(folder):
    """Delete ``folder`` whatever its depth, never following a link, and check that it is gone.

    No recursion and one open folder at a time: a submission may leave
    thousands of nested folders (shutil.rmtree recurses, and its paths outgrow
    PATH_MAX). Nothing can change the tree meanwhile: its sandbox has ended.
    """
    folder = Path(folder)
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
    try:
        fd = os.open(folder, flags)
    except FileNotFoundError:
        return
    names = []  # the path from ``folder`` down to the open folder
    while True:
        subfolder = None
        with os.scandir(fd) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    subfolder = subfolder or entry.name
                else:
                    os.unlink(entry.name, dir_fd=fd)
        if subfolder is not None:
            child = os.open(subfolder, flags, dir_fd=fd)
            os.close(fd)
            fd = child
            names.append(subfolder)
            continue
        if not names:
            break
        parent = os.open("..", flags, dir_fd=fd)
        os.close(fd)
        os.rmdir(names.pop(), dir_fd=parent)
        fd = parent
    os.close(fd)
    os.rmdir(folder)
    if os.path.lexists(folder):
        raise RuntimeError(f"the scratch folder {folder} could not be removed")
