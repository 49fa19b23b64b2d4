"""Every limit grading puts on what students hand in, in one place.

``Limits`` bounds one submission while it is graded: the sandbox enforces its
time, memory, process and file limits (``sandbox.py``), and the worker keeps
``output_characters`` of each cell's output, which the grader is told when it
starts it (the worker, inside the sandbox, can read nothing of the grader's).
The other limits bound what the grader itself does for a submission.

The sizes of one message between the two sides are ``wire.py``'s (``MAX_*``):
that file also runs inside the sandbox, which sees only it and ``worker.py``.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    memory_bytes: int = 2**30  # 1 GiB: each process's address space, and the whole sandbox's memory
    cpu_seconds: int = 60
    wall_seconds: float = 120.0  # for the whole submission
    call_seconds: float = 20.0  # for one cell or one call
    processes: int = 16
    cpus: int = 1  # the sandbox's share of the machine, where it has a cgroup
    file_bytes: int = 16 * 2**20
    folder_bytes: int = 64 * 2**20  # each of /sandbox and /tmp
    open_files: int = 64
    output_characters: int = 64 * 1024  # of stdout, and of stderr, kept per cell


# What the grader does on a submission's behalf.
CALLBACK_BYTES = 32 * 2**20  # data the sandbox may send a test's stand-in in one call
CALLBACK_MEMORY = 512 * 2**20  # what a stand-in may allocate in the grader for the sandbox
ERROR_CHARACTERS = 4000  # of an error message shown in a notebook

# collect: a notebook is a few hundred kilobytes; a file far larger is no
# notebook, and a zip entry that inflates past this is not read into memory.
SUBMITTED_FILE_BYTES = 64 * 2**20
