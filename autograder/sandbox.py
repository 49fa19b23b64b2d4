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

That is a *cold* sandbox: a bubblewrap and a Python of its own, which imports
numpy again (about 0.15 s of CPU a submission). By default a sandbox is
*warm*: each grading process starts one fork server, ``zygote.py``, in a
bubblewrap sandbox with the same read-only view and no network, that imports
numpy once; each submission is a fork of it (three forks, see zygote.py) with
all of the above, made per fork:

* namespaces: a mount, pid, network, IPC and UTS namespace of its own, then a
  user namespace of its own (nested in the zygote's) where the worker is
  ``nobody``; as root, the fork takes its slot's outside uid first, exactly as
  a cold sandbox does, and holds no capability afterwards;
* folders: fresh size-capped tmpfs on /sandbox, /tmp and /dev/shm, mounted in
  its own mount namespace over the zygote's (which no fork writes to), and a
  /proc of its own pid namespace: it sees nothing an earlier or a concurrent
  fork left, and no process but its own;
* the seccomp filter, the rlimits and the process limit, set in the worker;
  the grader moves the fork's process 1 into the submission's cgroup before it
  starts the worker (it waits for the grader's byte), so everything the
  student's code starts is in that cgroup;
* no way to the zygote or the other forks: they are outside its pid namespace
  (it cannot name them, so cannot signal them), the zygote is not dumpable and
  is root of a user namespace the fork is not in (as root: real root, another
  uid), ptrace and process_vm_* are filtered, and the fork closes every file
  descriptor but its two pipes. The zygote never runs student code; it reads
  requests from the grader only, and its state is what a fresh Python with
  numpy would have (each fork reseeds ``random`` and ``numpy.random``).

The grader signals a fork through a pidfd and the zygote reaps it only when
asked, so a pid never names another process. As root the zygote keeps
CAP_SYS_ADMIN, CAP_SETUID, CAP_SETGID and CAP_SETPCAP (to make each fork's
namespaces and give it its uid); as an ordinary user it is root of its own user
namespace. A memory limit below what Python with numpy already takes refuses
the fork, as a cold Python would fail to start.

``AUTOGRADER_SANDBOX=cold`` (``grade --cold-sandbox``) starts cold sandboxes
instead. Where the zygote cannot start (a Python under /tmp, a systemd scope
for the budget, a kernel that refuses), grading falls back to cold sandboxes
and warns once.

``--unsafe`` runs the worker as a plain subprocess with the same limits and no
isolation, for machines without bubblewrap, and says so loudly.
"""

import atexit
import contextlib
import fcntl
import json
import os
import resource
import select
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
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
    if mode() == "warm":
        try:
            _probe(lambda: start(limits), limits)
            return
        except SandboxUnavailable as error:
            if mode() == "cold":  # the zygote itself could not start: start() said so, and fell back
                raise
            warm_error = error
        finally:
            close_zygote()  # the grading processes start their own
        _probe(lambda: start_cold(limits), limits)  # the machine's limits, or the warm sandbox's own fault?
        _fall_back(str(warm_error))
        return
    _probe(lambda: start_cold(limits), limits)


def _probe(starter, limits):
    box = starter()
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
    """Start a worker in a sandbox of its own; return a Sandboxed.

    Warm (a fork of this process's zygote) unless ``AUTOGRADER_SANDBOX=cold``,
    or the zygote cannot run here: then cold, and a warning says so once.
    """
    if not unsafe and mode() == "warm":
        try:
            return _start_warm(limits)
        except WarmUnavailable as error:
            _fall_back(str(error))
    return start_cold(limits, unsafe)


def start_cold(limits=Limits(), unsafe=False):
    """Start a worker in a fresh sandbox, a new bubblewrap and Python of its own; return a Sandboxed."""
    slot, slot_lock = claim_slot()
    scratch = Path(tempfile.mkdtemp(prefix="grading-"))
    try:
        return _start(limits, unsafe, slot, slot_lock, scratch)
    except BaseException:
        remove_tree(scratch)
        slot_lock.close()
        raise


def _grader_files(scratch, names=("worker.py", "wire.py")):
    """The grader files the sandbox sees, copied to ``scratch``/grader: the slot's uid must read them."""
    grader = scratch / "grader"
    grader.mkdir()
    for name in names:
        shutil.copyfile(HERE / name, grader / name)
        (grader / name).chmod(0o644)
    scratch.chmod(0o755)
    grader.chmod(0o755)
    return grader


def _start(limits, unsafe, slot, slot_lock, scratch):
    grader = _grader_files(scratch)
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


# --- the warm sandbox -------------------------------------------------------------------

MODE_VARIABLE = "AUTOGRADER_SANDBOX"  # "warm" (the default) or "cold"
# What the zygote imports once for every fork: numpy, which every chapter's cells import,
# and the modules of these packages that the chapter's own cells import (``prefer_modules``).
WARM_MODULES = ("numpy",)
WARMABLE = ("numpy", "scipy", "sklearn", "matplotlib")
_preferred = WARM_MODULES
_CAPABILITIES = ("CAP_SYS_ADMIN", "CAP_SETUID", "CAP_SETGID", "CAP_SETPCAP")  # as root: what the zygote keeps
_zygote = None  # this process's zygote: (its pid, the Zygote)
_zygote_lock = threading.Lock()
_warned = set()


class WarmUnavailable(RuntimeError):
    """The zygote cannot run here; a cold sandbox may."""


def mode():
    """ "warm" or "cold": how this process starts sandboxes."""
    return "cold" if os.environ.get(MODE_VARIABLE, "warm").strip().lower() == "cold" else "warm"


def cold_note():
    """The line that tells the instructor sandboxes start cold here (slower, as safe), or None."""
    if mode() != "cold":
        return None
    return (
        f"WARNING: cold sandboxes ({MODE_VARIABLE}=cold): every submission starts a new bubblewrap and Python "
        "with numpy; as isolated as the warm ones, but slower"
    )


def _fall_back(reason):
    os.environ[MODE_VARIABLE] = "cold"  # for this process and the grading processes it starts
    if reason not in _warned:
        _warned.add(reason)
        print(f"WARNING: the warm sandbox cannot run here ({reason[:300]}); cold sandboxes instead", file=sys.stderr)


class Zygote:
    """The fork server (zygote.py) in a bubblewrap sandbox of its own, and the socket to it."""

    def __init__(self, modules=WARM_MODULES):
        if bubblewrap() is None:
            raise WarmUnavailable("bubblewrap is not installed")
        if any(
            Path("/tmp") in p.parents or p == Path("/tmp")
            for p in (Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve())
        ):
            raise WarmUnavailable("Python lives under /tmp, which each sandbox's own /tmp would hide")
        self.modules = tuple(modules)
        self.scratch = Path(tempfile.mkdtemp(prefix="grading-zygote-"))
        self.lock = threading.Lock()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            grader = _grader_files(self.scratch, ("zygote.py", "worker.py", "wire.py"))
            command = [bubblewrap(), "--die-with-parent", "--new-session"]
            if os.geteuid() == 0:
                command += ["--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
                for capability in _CAPABILITIES:
                    command += ["--cap-add", capability]
            else:
                command += ["--unshare-all", "--unshare-user", "--uid", "0", "--gid", "0", "--cap-add", "ALL"]
            command += _view(grader, str(Limits().folder_bytes))
            command += ["--", sys.executable, "-I", "-B", "/grader/zygote.py", str(theirs.fileno()), *modules]
            with open(self.scratch / "errors", "wb") as errors:
                self.process = subprocess.Popen(
                    command,
                    pass_fds=(theirs.fileno(),),
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=errors,
                    cwd=str(self.scratch),
                    env=_environment(Path("/sandbox")),
                    start_new_session=True,
                )
            theirs.close()
            self.socket = ours
            ready, _, _ = select.select([ours], [], [], 60)
            said = ours.recv(65536) if ready else b""
            if said != b'{"op": "ready"}':
                why = self.errors() or "no answer"
                self.close()
                raise WarmUnavailable(f"the zygote did not start: {why}")
        except OSError as error:
            theirs.close()
            ours.close()
            remove_tree(self.scratch)
            raise WarmUnavailable(f"the zygote did not start: {error}") from None

    def errors(self):
        try:
            return (self.scratch / "errors").read_text(errors="replace").strip()[-300:]
        except OSError:
            return ""

    def alive(self):
        return self.process.poll() is None

    def request(self, header, fds=()):
        """One request and its answer: (reply, file descriptors attached)."""
        with self.lock:
            try:
                socket.send_fds(self.socket, [json.dumps(header).encode()], list(fds))
                message, received, _, _ = socket.recv_fds(self.socket, 65536, 4)
            except OSError as error:
                raise WarmUnavailable(f"the zygote stopped answering: {self.errors() or error}") from None
        if not message:
            raise WarmUnavailable(f"the zygote ended: {self.errors() or 'no reason given'}")
        reply = json.loads(message)
        if reply.get("error"):
            for fd in received:
                os.close(fd)
            raise SandboxUnavailable(f"the sandbox could not start: {reply['error']}")
        return reply, received

    def close(self):
        with contextlib.suppress(OSError):
            self.socket.close()
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, 9)
        self.process.wait()
        remove_tree(self.scratch)


def prefer_modules(names):
    """Have this process's zygote import these modules too (those of ``WARMABLE`` packages only), from now on.

    Grading calls it with the imports of the chapter's own cells, never the
    student's: chapters 7 and 8 import scikit-learn, which a warm fork then has.
    """
    global _preferred
    wanted = [n for n in names if n.split(".")[0] in WARMABLE and all(p.isidentifier() for p in n.split("."))]
    _preferred = tuple(dict.fromkeys([*WARM_MODULES, *sorted(wanted)]))


def zygote_modules():
    """What a zygote started now would import."""
    return _preferred


def zygote():
    """This process's zygote, started on first use (again if it died, or in a forked copy of this process)."""
    global _zygote
    with _zygote_lock:
        if _zygote is not None and (
            _zygote[0] != os.getpid() or not _zygote[1].alive() or _zygote[1].modules != _preferred
        ):
            if _zygote[0] == os.getpid():
                _zygote[1].close()
            _zygote = None
        if _zygote is None:
            _zygote = (os.getpid(), Zygote(_preferred))
        return _zygote[1]


def close_zygote():
    """Stop this process's zygote, if it has one (a new one starts on the next warm sandbox)."""
    global _zygote
    with _zygote_lock:
        if _zygote is not None and _zygote[0] == os.getpid():
            _zygote[1].close()
        _zygote = None


atexit.register(close_zygote)


class _WarmProcess:
    """The submission's process 1, a child of the zygote, as much of subprocess.Popen as the grader uses.

    ``pid`` is its number here; signals go through a pidfd, and the zygote reaps
    it only when asked, so the number never names another process meanwhile.
    """

    def __init__(self, server, inner_pid, pidfd):
        self.server, self.inner_pid, self.pidfd = server, inner_pid, pidfd
        self.pid = _pid_of(pidfd)
        self.returncode = None
        self.lock = threading.Lock()  # the kill timer signals from another thread: never a closed pidfd's number

    def send_signal(self, number):
        with self.lock:
            if self.returncode is None:
                with contextlib.suppress(ProcessLookupError, OSError):
                    signal.pidfd_send_signal(self.pidfd, number)

    def kill(self):
        self.send_signal(signal.SIGKILL)

    def poll(self):
        return self._ask("poll")

    def wait(self):
        return self._ask("wait")

    def _ask(self, op):
        if self.returncode is None:
            try:
                reply, _ = self.server.request({"op": op, "pid": self.inner_pid})
                self.returncode = reply["returncode"]
            except (WarmUnavailable, SandboxUnavailable):  # the zygote is gone, and its children with it
                self.returncode = -signal.SIGKILL
            if self.returncode is not None:
                with self.lock:
                    os.close(self.pidfd)
        return self.returncode


def _pid_of(pidfd):
    for line in Path(f"/proc/self/fdinfo/{pidfd}").read_text().splitlines():
        if line.startswith("Pid:"):
            return int(line.split()[1])
    raise SandboxUnavailable("this kernel does not say which process a pidfd names")


@dataclass
class WarmSandboxed(Sandboxed):
    """A worker forked by the zygote: the same pipes and holdings, its process 1 signalled through a pidfd."""

    server: object = None

    def errors(self):
        return self.server.errors() if self.server is not None else ""

    def stop(self):
        if self.budget is not None:
            self.budget.kill()
        self.process.kill()  # process 1 of its pid namespace: every process of the sandbox goes with it


def _start_warm(limits):
    server = zygote()
    slot, slot_lock = claim_slot()
    scratch = Path(tempfile.mkdtemp(prefix="grading-"))
    fds, group, process = [], None, None
    try:
        request_read, request_write = os.pipe()
        reply_read, reply_write = os.pipe()
        fds = [request_read, request_write, reply_read, reply_write]
        try:
            program = seccomp.program()
        except seccomp.UnsupportedMachine as error:
            raise SandboxUnavailable(str(error)) from None
        try:
            group = budget.create(f"{os.getpid()}-{slot}", limits.memory_bytes, limits.processes, limits.cpus)
        except OSError as error:
            raise SandboxUnavailable(f"the sandbox could not start: {error}") from None
        if isinstance(group, budget.Scope):
            raise WarmUnavailable("a systemd scope cannot take a forked process")
        header = {
            "op": "fork",
            "uid": SLOT_UID_BASE + slot if os.geteuid() == 0 else None,
            "folder_bytes": limits.folder_bytes,
            "output_characters": limits.output_characters,
            "seccomp": program.hex(),
            "limits": {
                name: getattr(limits, name)
                for name in ("memory_bytes", "cpu_seconds", "file_bytes", "open_files", "processes")
            },
        }
        reply, received = server.request(header, [request_read, reply_write])
        if len(received) != 1:
            raise WarmUnavailable("the zygote sent no pidfd")
        process = _WarmProcess(server, reply["pid"], received[0])
        for fd in (request_read, reply_write):
            os.close(fd)
        fds = [request_write, reply_read]
        if group is not None:
            group.enter(process.pid)
        os.write(request_write, b"\x01")  # it may start: it is in its cgroup
        box = WarmSandboxed(
            process, os.fdopen(request_write, "wb"), os.fdopen(reply_read, "rb"), scratch, slot_lock, group, server
        )
        return box
    except BaseException:
        if process is not None:
            process.kill()
            process.wait()
        for fd in fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        if group is not None:
            group.remove()
        remove_tree(scratch)
        slot_lock.close()
        raise


def _view(grader, size):
    """bwrap's arguments for what a sandbox sees: the system read-only, the grader's files, three tmpfs folders."""
    python_home = Path(sys.base_prefix).resolve()
    venv = Path(sys.prefix).resolve()
    # /tmp first: a tmpfs mounted later would hide a venv or Python that lives under /tmp.
    command = ["--ro-bind", "/usr", "/usr", "--perms", "1777", "--size", size, "--tmpfs", "/tmp"]
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
    return command + [
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


def _bwrap_command(inner, grader, limits, uid, filter_fd):
    """bwrap's arguments: the view, the namespaces, and (in the last one) the filter."""
    command = [bubblewrap(), "--die-with-parent", "--new-session"]
    as_root = os.geteuid() == 0
    if as_root:
        command += ["--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
    else:
        command += ["--unshare-all", "--unshare-user", "--disable-userns", "--uid", str(NOBODY), "--gid", str(NOBODY)]
    size = str(limits.folder_bytes)
    command += _view(grader, size)
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
