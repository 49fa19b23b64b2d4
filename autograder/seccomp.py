"""The sandbox's seccomp filter, as the classic BPF program bubblewrap loads (``--seccomp FD``).

It refuses, with EPERM, the system calls a numpy exercise never needs and an
attack would: kernel keyrings (uid-scoped state a later student could read),
tracing and reading other processes, mounts and new namespaces (a way back out
of the sandbox's view), bpf and perf. ``clone`` is refused only when it asks for
a new user namespace; ``clone3`` (whose flags a filter cannot read) answers
ENOSYS, so the C library falls back to ``clone``. A process of another
architecture than the grader's own (an x32 or 32-bit call) is killed.

Written by hand rather than with libseccomp: the program is a dozen
instructions, and the venv then needs no compiled binding.
"""

import errno
import platform
import struct

# struct seccomp_data: int nr; u32 arch; u64 instruction_pointer; u64 args[6]
_NR, _ARCH, _ARG0_LOW = 0, 4, 16
_LD_W_ABS, _JEQ_K, _JSET_K, _JGE_K, _RET_K = 0x20, 0x15, 0x45, 0x35, 0x06
_RET_ALLOW, _RET_KILL_PROCESS, _RET_ERRNO = 0x7FFF0000, 0x80000000, 0x00050000
CLONE_NEWUSER = 0x10000000
_X32_BIT = 0x40000000

DENIED = [
    "keyctl",
    "add_key",
    "request_key",
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "mount",
    "umount2",
    "pivot_root",
    "unshare",
    "setns",
    "bpf",
    "perf_event_open",
]

# System call numbers, from the kernel's unistd tables.
_ARCHES = {
    "x86_64": (
        0xC000003E,
        {
            "keyctl": 250,
            "add_key": 248,
            "request_key": 249,
            "ptrace": 101,
            "process_vm_readv": 310,
            "process_vm_writev": 311,
            "mount": 165,
            "umount2": 166,
            "pivot_root": 155,
            "unshare": 272,
            "setns": 308,
            "bpf": 321,
            "perf_event_open": 298,
            "clone": 56,
            "clone3": 435,
        },
    ),
    "aarch64": (
        0xC00000B7,
        {
            "keyctl": 219,
            "add_key": 217,
            "request_key": 218,
            "ptrace": 117,
            "process_vm_readv": 270,
            "process_vm_writev": 271,
            "mount": 40,
            "umount2": 39,
            "pivot_root": 41,
            "unshare": 97,
            "setns": 268,
            "bpf": 280,
            "perf_event_open": 241,
            "clone": 220,
            "clone3": 435,
        },
    ),
}


class UnsupportedMachine(RuntimeError):
    """No system call table for this machine's architecture."""


def _op(code, k, jt=0, jf=0):
    return struct.pack("=HBBI", code, jt, jf, k)


def program(machine=None):
    """The filter for ``machine`` (this one by default), as bytes of struct sock_filter."""
    machine = machine or platform.machine()
    if machine not in _ARCHES:
        raise UnsupportedMachine(
            f"the sandbox's system-call filter knows no {machine} machine (only {', '.join(_ARCHES)})"
        )
    arch, numbers = _ARCHES[machine]
    deny = _RET_ERRNO | errno.EPERM
    ops = [_op(_LD_W_ABS, _ARCH), _op(_JEQ_K, arch, jt=1), _op(_RET_K, _RET_KILL_PROCESS), _op(_LD_W_ABS, _NR)]
    if machine == "x86_64":
        ops += [_op(_JGE_K, _X32_BIT, jf=1), _op(_RET_K, _RET_KILL_PROCESS)]
    for name in DENIED:
        ops += [_op(_JEQ_K, numbers[name], jf=1), _op(_RET_K, deny)]
    ops += [_op(_JEQ_K, numbers["clone3"], jf=1), _op(_RET_K, _RET_ERRNO | errno.ENOSYS)]
    ops += [
        _op(_JEQ_K, numbers["clone"], jf=3),
        _op(_LD_W_ABS, _ARG0_LOW),
        _op(_JSET_K, CLONE_NEWUSER, jf=1),
        _op(_RET_K, deny),
        _op(_RET_K, _RET_ALLOW),
    ]
    return b"".join(ops)
