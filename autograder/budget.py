"""A control group per sandbox: memory (its tmpfs included), processes and CPU for the whole sandbox.

Per-process limits (rlimits) let a submission multiply its budget: five forked
children each hold a full address space, and files in a tmpfs belong to no
process at all. A cgroup counts everything the sandbox does, together.

Making one needs root: under the cgroup v2 root (``/sys/fs/cgroup``, or
``/sys/fs/cgroup/unified`` on a hybrid system, with the memory and pids
controllers), else in the cgroup v1 memory, pids and cpu hierarchies. Run as
an ordinary user, ``create`` returns None and the sandbox relies on its
per-process limits and its size-capped tmpfs folders; ``describe`` says which
applies. (A delegated v2 subtree would need the grader to move itself into a
leaf first; that is not done.)
"""

import os
import time
from pathlib import Path

CGROUP = Path("/sys/fs/cgroup")
_NEEDED_V2 = {"memory", "pids"}


def _own_path(controller):
    """This process's cgroup v1 path for ``controller``, or None."""
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, names, path = line.split(":", 2)
        if controller in names.split(","):
            return path
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
    if os.geteuid() != 0:
        return None
    parents = {}
    for controller in ("memory", "pids", "cpu"):
        own = _own_path(controller)
        folder = CGROUP / controller / (own or "/").lstrip("/")
        if own is None or not (folder / "cgroup.procs").exists():
            if controller == "cpu":
                continue  # a CPU share is a nicety; memory and pids are the budget
            return None
        parents[controller] = folder
    return parents


def describe():
    if _v2_parent() is not None:
        return "a cgroup v2 per sandbox (memory, processes, CPU)"
    if _v1_parents() is not None:
        return "a cgroup v1 per sandbox (memory, processes, CPU)"
    return "no cgroup here: per-process limits and size-capped tmpfs folders only"


class Budget:
    """The cgroup folders of one sandbox."""

    def __init__(self, folders):
        self.folders = folders

    def enter(self):
        """Move the calling process (the sandbox's first, before it execs) into the cgroup."""
        for folder in self.folders:
            (folder / "cgroup.procs").write_text(str(os.getpid()))

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


def create(name, memory_bytes, processes, cpus=1):
    """A fresh cgroup ``name`` with these limits, or None where cgroups cannot be used."""
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
    parents = _v1_parents()
    if parents is None:
        return None
    folders = []
    for controller, folder in parents.items():
        _sweep(folder, "autograder-")
        group = folder / f"autograder-{name}"
        group.mkdir()
        folders.append(group)
        if controller == "memory":
            _write(group / "memory.limit_in_bytes", memory_bytes, required=True)
            _write(group / "memory.memsw.limit_in_bytes", memory_bytes)  # only with swap accounting
        elif controller == "pids":
            _write(group / "pids.max", processes, required=True)
        else:
            _write(group / "cpu.cfs_quota_us", cpus * 100000)
    return Budget(folders)


def _sweep(folder, prefix):
    """Remove the empty cgroups a killed grading process left (named after its pid)."""
    for group in folder.glob(f"{prefix}[0-9]*-[0-9]*"):
        pid = group.name[len(prefix):].split("-")[0]
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
