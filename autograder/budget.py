"""A control group per sandbox: memory (its tmpfs included), processes and CPU for the whole sandbox.

Per-process limits (rlimits) let a submission multiply its budget: five forked
children each hold a full address space, and files in a tmpfs belong to no
process at all. A cgroup counts everything the sandbox does, together.

Where the sandboxes' cgroups are made, first that applies:

* as root: under the cgroup v2 root (``/sys/fs/cgroup``, or
  ``/sys/fs/cgroup/unified`` on a hybrid system, with the memory and pids
  controllers), else under this process's own cgroup in the v1 memory, pids
  and cpu hierarchies;
* as an ordinary user, in the folders an administrator delegated once with
  ``delegate`` (``sudo python -m autograder delegate-cgroups --user NAME``):
  ``<hierarchy>/autograder/NAME`` in each v1 hierarchy, owned by the user, so
  the user may make and remove cgroups inside it and move its own processes
  there, but not change the folder's own limits (the administrator's cap on
  all of the user's sandboxes together);
* as an ordinary user on cgroup v2 with a systemd user manager: a transient
  scope per sandbox (``systemd-run --user --scope``), which systemd places in
  the user's delegated subtree. (A v2 subtree delegated by hand cannot be
  entered without systemd: moving a process needs write access to the common
  ancestor of its old and new cgroups.) This path is not tested here: the test
  machine is cgroup v1.

Otherwise ``create`` returns None, the sandbox relies on its per-process
limits and its size-capped tmpfs folders, and ``shortfall`` is the line that
tells the instructor so.
"""

import os
import pwd
import shutil
import subprocess
import sys
import time
from pathlib import Path

CGROUP = Path("/sys/fs/cgroup")
DELEGATED = "autograder"  # <hierarchy>/autograder/<user>: what `delegate` makes
_NEEDED_V2 = {"memory", "pids"}
_V1 = ("memory", "pids", "cpu")  # cpu is optional: a CPU share is a nicety; memory and pids are the budget


class CannotDelegate(RuntimeError):
    """This machine's cgroups cannot be delegated the way ``delegate`` does it."""


def _own_path(controller):
    """This process's cgroup v1 path for ``controller``, or None."""
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, names, path = line.split(":", 2)
        if controller in names.split(","):
            return path
    return None


def _v1_mount(controller):
    """Where the v1 hierarchy of ``controller`` is mounted (``/sys/fs/cgroup/cpu,cpuacct``, say), or None."""
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        fields, _, tail = line.partition(" - ")
        kind, _, options = tail.split(" ")[:3]
        if kind == "cgroup" and controller in options.split(","):
            return Path(fields.split(" ")[4])
    return None


def _v2_parent():
    """The cgroup v2 root, if we may create sandboxes' cgroups in it with the controllers they need."""
    if os.geteuid() != 0:
        return None
    for mount in (CGROUP, CGROUP / "unified"):
        controllers = mount / "cgroup.controllers"
        if controllers.exists() and _NEEDED_V2 <= set(controllers.read_text().split()):
            return mount
    return None


def _v1_parents():
    """({controller: folder} to make the sandboxes' cgroups in, the prefix of their names), or (None, "")."""
    as_root = os.geteuid() == 0
    parents = {}
    for controller in _V1:
        mount, folder = _v1_mount(controller), None
        if mount is not None and as_root:
            own = _own_path(controller)
            folder = mount / own.lstrip("/") if own is not None else None
        elif mount is not None:
            folder = _delegated_folder(mount, _user())
        if folder is None or not (folder / "cgroup.procs").exists():
            if controller == "cpu":
                continue
            return None, ""
        parents[controller] = folder
    # As root the groups sit beside other cgroups of ours; a delegated folder holds only sandboxes.
    return parents, "autograder-" if as_root else ""


def _delegated_folder(mount, user):
    """The folder ``delegate`` made for ``user`` in this hierarchy, if it is there and the user's own."""
    folder = mount / DELEGATED / str(user)  # as delegated_folders names it
    try:
        return folder if folder.stat().st_uid == os.geteuid() else None
    except OSError:
        return None


def _user():
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return None


def _systemd_scopes():
    """Whether ``systemd-run --user --scope`` can give a sandbox memory and pids limits here."""
    uid = os.geteuid()
    runtime = os.environ.get("XDG_RUNTIME_DIR", f"/run/user/{uid}")
    if uid == 0 or shutil.which("systemd-run") is None or not Path(runtime, "systemd", "private").exists():
        return False
    manager = CGROUP / "user.slice" / f"user-{uid}.slice" / f"user@{uid}.service" / "cgroup.controllers"
    try:
        return _NEEDED_V2 <= set(manager.read_text().split())
    except OSError:
        return False


def _kind():
    if _v2_parent() is not None:
        return "a cgroup v2 per sandbox (memory, processes, CPU)"
    if _v1_parents()[0] is not None:
        return "a cgroup v1 per sandbox (memory, processes, CPU)" + (", delegated to this user" if os.geteuid() else "")
    if _systemd_scopes():
        return "a systemd scope per sandbox (memory, processes, CPU)"
    return None


def describe():
    return _kind() or "no cgroup here: per-process limits and size-capped tmpfs folders only"


def shortfall():
    """The line that tells the instructor sandboxes get per-process budgets only here, or None."""
    if _kind() is not None:
        return None
    why = "no cgroup can be made here" if os.geteuid() == 0 else f"no cgroup is delegated to {_user() or 'this user'}"
    remedy = (
        ""
        if os.geteuid() == 0
        else (
            f" For real ones, have an administrator run once (again after each reboot): "
            f"sudo {sys.executable} -m autograder delegate-cgroups --user {_user()}"
        )
    )
    return (
        f"note: memory and process limits are per process, not per sandbox ({why}): a submission's forked "
        f"children and its /tmp files may each take up to --memory.{remedy}"
    )


class Budget:
    """The cgroup folders of one sandbox."""

    def __init__(self, folders):
        self.folders = folders

    def wrap(self, command):
        return command

    def enter(self, pid=None):
        """Move the calling process (the sandbox's first, before it execs), or ``pid``, into the cgroup."""
        for folder in self.folders:
            (folder / "cgroup.procs").write_text(str(os.getpid() if pid is None else pid))

    def kill(self):
        """Kill every process of the sandbox, forked ones included."""
        for folder in self.folders:
            kill_file = folder / "cgroup.kill"
            if kill_file.exists():
                kill_file.write_text("1")
                continue
            for pid in (folder / "cgroup.procs").read_text().split():
                try:
                    os.kill(int(pid), 9)
                except ProcessLookupError:
                    pass

    def remove(self):
        """Kill what is left and remove the folders (a cgroup goes once its last process has)."""
        for _ in range(100):
            self.kill()
            for folder in list(self.folders):
                try:
                    folder.rmdir()
                    self.folders.remove(folder)
                except FileNotFoundError:
                    self.folders.remove(folder)
                except OSError:
                    pass
            if not self.folders:
                return
            time.sleep(0.05)
        raise RuntimeError(f"a sandbox's cgroup would not go away: {self.folders}")


class Scope:
    """A sandbox's transient systemd scope: systemd-run starts the sandbox in it, with its limits."""

    def __init__(self, unit, memory_bytes, processes, cpus):
        self.unit = unit
        self.prefix = [
            "systemd-run",
            "--user",
            "--scope",
            "--quiet",
            "--collect",
            f"--unit={unit}",
            "-p",
            f"MemoryMax={memory_bytes}",
            "-p",
            "MemorySwapMax=0",
            "-p",
            f"TasksMax={processes}",
            "-p",
            f"CPUQuota={cpus * 100}%",
            "--",
        ]

    def wrap(self, command):
        return [*self.prefix, *command]

    def enter(self):
        pass  # systemd-run moves the process when it starts

    def kill(self):
        subprocess.run(["systemctl", "--user", "kill", "--signal=KILL", self.unit], capture_output=True)

    def remove(self):
        subprocess.run(["systemctl", "--user", "stop", self.unit], capture_output=True)


def create(name, memory_bytes, processes, cpus):
    """A fresh cgroup ``name`` with these limits, or None where cgroups cannot be used.

    Start the sandbox's command as ``group.wrap(command)``, and call
    ``group.enter()`` in its first process before it execs.
    """
    parent = _v2_parent()
    if parent is not None:
        group = parent / "autograder" / name
        _enable(parent, "+memory +pids +cpu")
        (parent / "autograder").mkdir(exist_ok=True)
        _enable(parent / "autograder", "+memory +pids +cpu")
        _sweep(parent / "autograder", "")
        group.mkdir()
        _write(group / "memory.max", memory_bytes, required=True)
        _write(group / "memory.swap.max", 0)
        _write(group / "pids.max", processes, required=True)
        _write(group / "cpu.max", f"{cpus * 100000} 100000")
        return Budget([group])
    parents, prefix = _v1_parents()
    if parents is None:
        return Scope(f"autograder-{name}", memory_bytes, processes, cpus) if _systemd_scopes() else None
    folders = []
    try:
        for controller, folder in parents.items():
            _sweep(folder, prefix)
            group = folder / f"{prefix}{name}"
            group.mkdir()
            folders.append(group)
            if controller == "memory":
                _write(group / "memory.limit_in_bytes", memory_bytes, required=True)
                _write(group / "memory.memsw.limit_in_bytes", memory_bytes)  # only with swap accounting
            elif controller == "pids":
                _write(group / "pids.max", processes, required=True)
            else:
                _write(group / "cpu.cfs_quota_us", cpus * 100000)
    except OSError:
        Budget(folders).remove()
        raise
    return Budget(folders)


def _sweep(folder, prefix):
    """Remove the empty cgroups a killed grading process left (named after its pid)."""
    for group in folder.glob(f"{prefix}[0-9]*-[0-9]*"):
        pid = group.name[len(prefix) :].split("-")[0]
        if not Path(f"/proc/{pid}").exists():
            try:
                group.rmdir()
            except OSError:
                pass  # still holds a process: not ours to kill


def _enable(folder, controllers):
    # Controllers may be missing (cpu is optional); enable what the parent has.
    available = set((folder / "cgroup.controllers").read_text().split())
    wanted = " ".join(c for c in controllers.split() if c[1:] in available)
    try:
        (folder / "cgroup.subtree_control").write_text(wanted)
    except OSError:
        pass  # already enabled, or only some of them: the group's own files tell


def _write(path, value, required=False):
    if path.exists():
        path.write_text(str(value))
    elif required:
        raise OSError(f"{path} is missing: its controller is not enabled")


def delegated_folders(user):
    """{controller: the folder ``delegate`` makes for ``user``} in this machine's v1 hierarchies."""
    return {c: _v1_mount(c) / DELEGATED / user for c in _V1 if _v1_mount(c) is not None}


def delegate(user, memory_bytes=None, processes=None, undo=False):
    """As root: make (or, with ``undo``, remove) ``<hierarchy>/autograder/USER`` in each v1 hierarchy.

    The folder is the user's, so the user's grading makes one cgroup per
    sandbox in it; its own limit files stay root's, so ``memory_bytes`` and
    ``processes`` cap all of the user's sandboxes together. Return what was done, line by line.
    """
    if os.geteuid() != 0:
        raise CannotDelegate("delegating cgroups needs root: run it with sudo")
    try:
        entry = pwd.getpwnam(user)
    except KeyError:
        raise CannotDelegate(f"there is no user {user!r} on this machine") from None
    folders = delegated_folders(user)
    if "memory" not in folders or "pids" not in folders:
        if (CGROUP / "cgroup.controllers").exists():
            raise CannotDelegate(
                "this machine has cgroup v2 only: with systemd, nothing is needed (grading as the user makes a "
                "systemd scope per sandbox through `systemd-run --user`, when the user's manager is running: "
                f"`loginctl enable-linger {user}` keeps it running); without systemd, it is not supported"
            )
        raise CannotDelegate("no cgroup v1 memory and pids hierarchies are mounted here")
    done = []
    for controller, folder in folders.items():
        if undo:
            for group in folder.glob("*"):
                if group.is_dir():
                    group.rmdir()  # a sandbox's cgroup left by a killed run: empty, or this fails loudly
            if folder.exists():
                folder.rmdir()
                done.append(f"removed {folder}")
            try:
                folder.parent.rmdir()
            except OSError:
                pass  # another user's folder is still there, or it never was
            continue
        folder.parent.mkdir(mode=0o755, exist_ok=True)
        folder.mkdir(mode=0o755, exist_ok=True)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
        if controller == "memory" and memory_bytes is not None:
            # memory.limit_in_bytes may never exceed memsw's limit: lift that first, for a cap raised on a rerun.
            _write(folder / "memory.memsw.limit_in_bytes", -1)
            _write(folder / "memory.limit_in_bytes", memory_bytes, required=True)
            _write(folder / "memory.memsw.limit_in_bytes", memory_bytes)
        if controller == "pids" and processes is not None:
            _write(folder / "pids.max", processes, required=True)
        done.append(f"{folder}: {user}'s sandboxes get a {controller} cgroup each in it")
    return done
