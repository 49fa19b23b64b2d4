"""Start the student's side of grading (``worker.py``) inside a bubblewrap sandbox.

The sandbox has:

* no network (a network namespace of its own, with nothing in it);
* an unprivileged user: outside, an unused uid per job slot, so the process
  limit cannot be shared with, or exhausted for, another submission; inside, nobody;
* a read-only view of the system: just /usr, the Python installation and the
  virtual environment, plus the two grader files it needs;
* one writable folder, the scratch folder holding only this submission's
  working files; no course folder, gradebook, sources or other submissions;
* limits on CPU time, memory (address space), processes, open files and file
  size; the grader adds a wall-clock limit on every request.

``--unsafe`` runs the worker as a plain subprocess with the same limits and no
isolation, for machines without bubblewrap, and says so loudly.
"""

import os
import resource
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SLOT_UID_BASE = 61000  # unused uids, one per concurrent sandbox


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or cannot create namespaces here."""


@dataclass(frozen=True)
class Limits:
    memory_bytes: int = 2**30  # 1 GiB of address space
    cpu_seconds: int = 60
    wall_seconds: float = 120.0  # for the whole submission
    call_seconds: float = 20.0  # for one cell or one call
    processes: int = 16
    file_bytes: int = 16 * 2**20
    open_files: int = 64


def bubblewrap():
    return shutil.which("bwrap")


def check_available():
    """Raise SandboxUnavailable with the reason if a sandbox cannot be made here."""
    path = bubblewrap()
    if path is None:
        raise SandboxUnavailable(
            "bubblewrap (bwrap) is not installed, so student code cannot be isolated. Install it "
            "(Debian: apt-get install bubblewrap), or pass --unsafe to grade without a sandbox."
        )
    with tempfile.TemporaryDirectory(prefix="sandbox-probe-") as folder:
        command = _bwrap_command([sys.executable, "-I", "-c", "pass"], Path(folder), Path(folder), SLOT_UID_BASE)
        probe = subprocess.run(command, capture_output=True, text=True, env=_environment(Path("/sandbox")))
    if probe.returncode != 0:
        raise SandboxUnavailable(f"bubblewrap cannot create a sandbox here: {probe.stderr.strip()[:300]}")


@dataclass
class Sandboxed:
    """A running worker: its process and the two pipe ends the grader talks through."""

    process: subprocess.Popen
    to_worker: object
    from_worker: object
    scratch: Path

    def kill(self):
        try:
            os.killpg(self.process.pid, 9)
        except (ProcessLookupError, PermissionError):
            pass
        self.process.wait()
        for stream in (self.to_worker, self.from_worker):
            try:
                stream.close()
            except OSError:
                pass
        shutil.rmtree(self.scratch, ignore_errors=True)


def start(limits=Limits(), slot=0, unsafe=False):
    """Start a worker in a fresh scratch folder; return a Sandboxed."""
    scratch = Path(tempfile.mkdtemp(prefix="grading-"))
    grader = scratch / "grader"
    work = scratch / "work"
    grader.mkdir()
    work.mkdir()
    for name in ("worker.py", "wire.py"):
        shutil.copyfile(HERE / name, grader / name)
    uid = SLOT_UID_BASE + slot
    if not unsafe and os.geteuid() == 0:
        os.chown(work, uid, uid)  # the worker runs as this uid and writes only here
    # Two pipes: the worker reads requests from one and writes replies to the other.
    request_read, request_write = os.pipe()
    reply_read, reply_write = os.pipe()
    inner = [sys.executable, "-I", "-B", "/grader/worker.py" if not unsafe else str(grader / "worker.py"),
             str(request_read), str(reply_write)]
    command = inner if unsafe else _bwrap_command(inner, grader, work, uid)
    env = _environment(work if unsafe else Path("/sandbox"))
    process = subprocess.Popen(
        command,
        pass_fds=(request_read, reply_write),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=str(work),
        env=env,
        start_new_session=True,
        preexec_fn=lambda: _apply_limits(limits),
    )
    os.close(request_read)
    os.close(reply_write)
    return Sandboxed(process, os.fdopen(request_write, "wb"), os.fdopen(reply_read, "rb"), scratch)


def _bwrap_command(inner, grader, work, uid):
    """bwrap's arguments. As root, namespaces need no user namespace, and the worker
    drops to ``uid`` (no capabilities) inside; otherwise a user namespace does it."""
    python_home = Path(sys.base_prefix).resolve()
    venv = Path(sys.prefix).resolve()
    command = [bubblewrap(), "--die-with-parent", "--new-session"]
    if os.geteuid() == 0:
        command += ["--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
    else:
        command += ["--unshare-all", "--uid", "65534", "--gid", "65534"]
    # /tmp first: a tmpfs mounted later would hide a venv or Python that lives under /tmp.
    command += ["--ro-bind", "/usr", "/usr", "--perms", "1777", "--tmpfs", "/tmp"]
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
        "--ro-bind", str(grader), "/grader",
        "--bind", str(work), "/sandbox",
        "--chdir", "/sandbox",
        "--proc", "/proc",
        "--dev", "/dev",
        "--",
    ]
    if os.geteuid() == 0:
        command += ["/usr/bin/setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", "--"]
    return command + inner


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


def _apply_limits(limits):
    # Runs in the child before exec; the limits pass through setpriv and bwrap to the worker.
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_NPROC, (limits.processes, limits.processes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
    resource.setrlimit(resource.RLIMIT_NOFILE, (limits.open_files, limits.open_files))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
