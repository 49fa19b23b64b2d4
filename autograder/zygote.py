"""The warm sandbox's fork server: it runs inside the sandbox, imports numpy once, and forks a worker per submission.

    python -I -B zygote.py CONTROL_FD [MODULE ...]

It never runs student code, and talks to the grader alone, over CONTROL_FD (a
unix socket). A request is one JSON message, with file descriptors attached:

* ``fork`` with the worker's two pipe ends, its outside uid (as root) and its
  limits: answers ``{"pid": ...}`` with a pidfd of the submission's first
  process attached, so the grader can signal it without naming a number;
* ``wait`` and ``poll`` of such a pid: its status as ``Popen.returncode`` has it.

Each submission is a tree of three forks, for the namespaces a fork can only
enter through its parent:

1. the first unshares a mount, pid, network, IPC and UTS namespace, forks the
   second and exits (this server is the subreaper: it adopts the second);
2. the second is process 1 of the new pid namespace: it mounts fresh,
   size-capped tmpfs folders on /sandbox, /tmp and /dev/shm, a /proc of its
   namespace and terminals (devpts) of its own, waits for the grader's byte
   (sent once the grader has moved it into the submission's cgroup), forks the worker, drops its capabilities and
   reaps, and exits with the worker's status as bubblewrap would (128 + signal);
3. the worker sets its limits, takes its outside uid (as root), makes a user
   namespace of its own where it is ``nobody``, drops every capability, loads
   the seccomp filter, and serves the grader (``worker.serve``).

This file, worker.py and wire.py are the only grader files the sandbox can see.
"""

import ctypes
import json
import os
import signal
import socket
import sys
import threading

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 2, 4, 8, 16384, 1 << 18
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_SECCOMP, PR_SET_NO_NEW_PRIVS = 1, 4, 22, 38
PR_CAPBSET_DROP, PR_SET_CHILD_SUBREAPER, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 24, 36, 47, 4
SECCOMP_MODE_FILTER = 2
NOBODY = 65534
SCRATCH = ("/sandbox", "/tmp", "/dev/shm")

libc = ctypes.CDLL(None, use_errno=True)


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _check(result, what):
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"{what}: {os.strerror(code)}")


def _mount(source, target, kind, flags, data=None):
    _check(
        libc.mount(source.encode(), target.encode(), kind.encode() if kind else None, flags, data and data.encode()),
        f"mount {target}",
    )


def _prctl(option, arg=0):
    _check(libc.prctl(option, ctypes.c_ulong(arg), 0, 0, 0), f"prctl {option}")


def drop_capabilities():
    """No capability left, and none to gain back: bounding and ambient sets empty, then the three sets."""
    libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    with open("/proc/sys/kernel/cap_last_cap") as last:
        for cap in range(int(last.read()) + 1):
            libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)  # refused without CAP_SETPCAP: the set is then already bare
    _check(libc.capset(ctypes.byref(_CapHeader(0x20080522, 0)), (_CapData * 2)()), "capset")


def _close_all_but(*fds):
    keep = sorted(set(fds))
    for low, high in zip([-1, *keep], [*keep, 65536]):
        os.closerange(low + 1, high)


def _write(path, text):
    with open(path, "w") as file:
        file.write(text)


# --- one submission ---------------------------------------------------------------


def _first(request, fds, report):
    """Fork 1: new namespaces, then the submission's process 1; report its pid and go."""
    _check(libc.unshare(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS), "unshare")
    pid = os.fork()
    if pid == 0:
        _init(request, fds)
    os.write(report, str(pid).encode())


def _init(request, fds):
    """Fork 2, process 1 of the submission's pid namespace."""
    try:
        read_fd, write_fd = fds
        _close_all_but(read_fd, write_fd, 2)  # the server's socket, and the pipe its first fork reports on
        _mount("none", "/", None, MS_REC | MS_PRIVATE)
        size = int(request["folder_bytes"])
        for folder in SCRATCH:
            _mount("tmpfs", folder, "tmpfs", MS_NOSUID | MS_NODEV, f"size={size},mode=1777")
        _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
        # Terminals of its own: /dev/ptmx leads to pts/ptmx, and no fork opens another's.
        _mount("devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=620")
        libc.sethostname(b"sandbox", 7)
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # process 1 ignores what it has no handler for
        go = os.read(read_fd, 1)  # the grader has put this process in the submission's cgroup
        if go != b"\x01":
            os._exit(1)
        worker = os.fork()
        if worker == 0:
            _worker(request, read_fd, write_fd)
        os.close(read_fd)
        os.close(write_fd)
        _become(request.get("uid"))
        drop_capabilities()
        _prctl(PR_SET_DUMPABLE, 0)  # the worker has its uid: it may not read this process's memory
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # this server is the parent now: if it goes, so does the sandbox
        while True:  # reap the worker and whatever the student's processes orphan
            pid, status = os.wait()
            if pid == worker:
                os._exit(128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status))
    except BaseException as error:
        print(f"the sandbox's process 1 failed: {error}", file=sys.stderr, flush=True)
    os._exit(1)


def _become(uid):
    """As root: the slot's outside uid, no groups; the capabilities go with uid 0."""
    if uid is not None:
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)


def _worker(request, read_fd, write_fd):
    """Fork 3: the worker, with its own limits, identity, user namespace and filter; it serves the grader."""
    try:
        import resource

        _close_all_but(read_fd, write_fd, 2)
        limits = request["limits"]
        memory = int(limits["memory_bytes"])
        with open("/proc/self/statm") as statm:
            taken = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        if memory < taken + 16 * 2**20:  # a fresh Python would not start either
            raise MemoryError(
                f"a memory limit of {memory / 2**20:.0f} MiB leaves no room: Python with numpy takes {taken / 2**20:.0f} MiB"
            )
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (int(limits["cpu_seconds"]), int(limits["cpu_seconds"]) + 5))
        resource.setrlimit(resource.RLIMIT_FSIZE, (int(limits["file_bytes"]), int(limits["file_bytes"])))
        resource.setrlimit(resource.RLIMIT_NOFILE, (int(limits["open_files"]), int(limits["open_files"])))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        _become(request.get("uid"))
        inside_uid, inside_gid = os.getuid(), os.getgid()
        _check(libc.unshare(CLONE_NEWUSER), "unshare a user namespace")
        _prctl(PR_SET_DUMPABLE, 1)  # the maps below are this process's own files
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"{NOBODY} {inside_uid} 1\n")
        _write("/proc/self/gid_map", f"{NOBODY} {inside_gid} 1\n")
        drop_capabilities()
        os.chdir("/sandbox")
        _reseed()
        program = bytes.fromhex(request["seccomp"])
        buffer = ctypes.create_string_buffer(program, len(program))
        _prctl(PR_SET_NO_NEW_PRIVS, 1)
        _check(
            libc.prctl(
                PR_SET_SECCOMP,
                SECCOMP_MODE_FILTER,
                ctypes.byref(_Program(len(program) // 8, ctypes.addressof(buffer))),
                0,
                0,
            ),
            "seccomp",
        )
        devnull = os.open(os.devnull, os.O_RDWR)
        os.dup2(devnull, 0)
        os.dup2(devnull, 1)
        os.close(devnull)
        import worker

        worker.serve(read_fd, write_fd, int(limits["processes"]), int(request["output_characters"]))
        code = 0
    except BaseException as error:
        print(f"the sandbox's worker failed to start: {error}", file=sys.stderr, flush=True)
        code = 1
    os._exit(code)


def _reseed():
    """Each submission its own random streams, as a fresh Python would have (the server's were drawn once)."""
    for name in ("random", "numpy.random"):
        module = sys.modules.get(name)
        if module is not None:
            module.seed()


# --- the server -------------------------------------------------------------------


def serve(control):
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(control, 65536, 8)
        except OSError:
            return
        if not message:
            return
        try:
            request = json.loads(message)
            reply, extra = _answer(request, fds)
        except Exception as error:
            reply, extra = {"error": f"{type(error).__name__}: {error}"}, []
        finally:
            for fd in fds:
                os.close(fd)
        socket.send_fds(control, [json.dumps(reply).encode()], extra)
        for fd in extra:
            os.close(fd)


def _answer(request, fds):
    op = request.get("op")
    if op == "fork":
        if len(fds) != 2 or threading.active_count() != 1:
            raise RuntimeError("a fork needs the worker's two pipe ends, and this server one thread")
        report_read, report_write = os.pipe()
        first = os.fork()
        if first == 0:
            try:
                os.close(report_read)
                _first(request, fds, report_write)
                code = 0
            except BaseException as error:
                print(f"the sandbox's namespaces failed: {error}", file=sys.stderr, flush=True)
                code = 1
            os._exit(code)
        os.close(report_write)
        with os.fdopen(report_read, "rb") as report:
            said = report.read()
        os.waitpid(first, 0)  # its child is this server's now (the subreaper)
        if not said:
            raise RuntimeError("the sandbox's namespaces could not be made")
        pid = int(said)
        return {"pid": pid}, [os.pidfd_open(pid)]
    if op in ("wait", "poll"):
        pid = int(request["pid"])
        done, status = os.waitpid(pid, 0 if op == "wait" else os.WNOHANG)
        if done == 0:
            return {"returncode": None}, []
        return {"returncode": -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)}, []
    raise RuntimeError(f"unknown request {op!r}")


def main():
    control = socket.socket(fileno=int(sys.argv[1]))
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    _prctl(PR_SET_DUMPABLE, 0)  # no process of the same uid may read or trace this one
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the instructor's Ctrl-C is the grader's to handle
    import wire  # noqa: F401 (loaded once for every worker)
    import worker  # noqa: F401

    for name in sys.argv[2:]:
        try:
            __import__(name)
        except Exception as error:  # the student's own import will say what is wrong
            print(f"the zygote could not import {name}: {error}", file=sys.stderr, flush=True)
    socket.send_fds(control, [b'{"op": "ready"}'], [])
    serve(control)


if __name__ == "__main__":
    main()
