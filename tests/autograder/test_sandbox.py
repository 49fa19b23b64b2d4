"""What student code can and cannot do inside the grading sandbox."""

import errno
import os
import platform
import socket
import sys
from pathlib import Path

import pytest

from autograder import budget, sandbox, seccomp, wire
from chapterkit.sources import ROOT
from tests.builders import SandboxBox as Box
from tests.builders import needs_bubblewrap

pytestmark = needs_bubblewrap


@pytest.fixture
def box():
    b = Box()
    yield b
    b.close()


def test_the_sandbox_is_available_here():
    sandbox.check_available()


def test_code_runs_as_an_unprivileged_user_with_no_capabilities(box):
    out = box.run(
        "import os\nprint(os.getuid(), os.geteuid())\nprint(open('/proc/self/status').read().split('CapEff:')[1].split()[0])"
    )
    uid, euid = out["stdout"].split()[:2]
    assert uid != "0" and euid != "0"
    assert out["stdout"].split()[2] == "0000000000000000"


def test_there_is_no_network(box):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    out = box.run(
        f"import socket\ntry:\n    socket.create_connection(('127.0.0.1', {port}), timeout=2)\n    print('connected')\nexcept OSError as e:\n    print('refused', e)"
    )
    server.close()
    assert "refused" in out["stdout"]


def test_the_course_the_sources_and_home_are_not_there(box):
    out = box.run(
        "import os\n"
        f"print(os.path.exists({str(ROOT / 'solutions')!r}), os.path.exists({str(ROOT / 'chapters')!r}), "
        f"os.path.exists({str(ROOT / 'course')!r}), os.path.exists('/etc/passwd'), sorted(os.listdir('/')))"
    )
    assert out["stdout"].startswith("False False False False")
    assert out["error"] is None


def test_the_system_is_read_only_and_only_the_scratch_folder_is_writable(box):
    out = box.run(
        "import os\nresults = []\n"
        "for path in ['/usr/evil', '/sandbox/ok.txt', '/tmp/ok.txt', '/grader/evil.py', os.__file__ + '.evil']:\n"
        "    try:\n        open(path, 'w').write('x'); results.append('wrote')\n"
        "    except OSError:\n        results.append('refused')\n"
        "print(results)"
    )
    assert out["stdout"].strip() == "['refused', 'wrote', 'wrote', 'refused', 'refused']"


def test_the_memory_limit_stops_a_memory_bomb():
    b = Box(sandbox.Limits(memory_bytes=512 * 2**20))
    try:
        out = b.run("x = bytearray(2 * 1024**3)")
        assert out["error"]["type"] == "MemoryError"
        assert b.run("print('still here')")["stdout"] == "still here\n"
    finally:
        b.close()


def test_the_process_limit_bounds_a_fork_bomb():
    b = Box(sandbox.Limits(processes=8))
    try:
        out = b.run(
            "import os\nforked = 0\n"
            "for _ in range(50):\n"
            "    try:\n        pid = os.fork()\n    except OSError:\n        break\n"
            "    if pid == 0:\n        import time; time.sleep(5); os._exit(0)\n"
            "    forked += 1\n"
            "print(forked)"
        )
        assert int(out["stdout"]) < 8
    finally:
        b.close()


def test_output_is_capped(box):
    out = box.run("print('x' * 10_000_000)")
    assert len(out["stdout"]) < 100_000 and "more characters not kept" in out["stdout"]


def test_a_killed_worker_is_cleaned_up():
    b = Box()
    scratch = b.box.scratch
    b.run("print(1)")
    b.close()
    assert b.box.process.returncode is not None and not scratch.exists()


def test_unsafe_mode_runs_without_isolation():
    box = sandbox.start(unsafe=True)
    box.wait_ready(20)
    try:
        channel = wire.Channel(box.from_worker, box.to_worker)
        channel.send({"op": "exec", "source": f"import os\nprint(os.path.exists({str(ROOT)!r}))", "index": 0})
        assert channel.wait_for_reply()["stdout"] == "True\n"
    finally:
        box.kill()


def test_grading_refuses_without_bubblewrap(monkeypatch):
    monkeypatch.setattr(sandbox, "bubblewrap", lambda: None)
    with pytest.raises(sandbox.SandboxUnavailable, match="--unsafe"):
        sandbox.check_available()


def _outside_uids(box):
    """The host's view: the uids of the sandbox's Python processes."""
    uids = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
            cmdline = (status.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if cmdline.startswith(sys.executable.encode() + b"\0") and _descends(status.parent.name, box.box.process.pid):
            uids.add(int(text.split("Uid:")[1].split()[0]))
    return uids


def _descends(pid, ancestor):
    while pid not in ("0", "1"):
        if pid == str(ancestor):
            return True
        try:
            pid = Path(f"/proc/{pid}/status").read_text().split("PPid:")[1].split()[0]
        except OSError:
            return False
    return False


def test_each_sandbox_has_a_user_namespace_and_an_outside_identity_of_its_own():
    first, second = Box(), Box()
    try:
        seen = [b.run("import os\nprint(os.readlink('/proc/self/ns/user'))")["stdout"].strip() for b in (first, second)]
        assert seen[0] != seen[1] and os.readlink("/proc/self/ns/user") not in seen
        if os.geteuid() == 0:
            outside = [_outside_uids(b) for b in (first, second)]
            assert all(len(u) == 1 and min(u) >= sandbox.SLOT_UID_BASE for u in outside) and outside[0] != outside[1]
    finally:
        first.close()
        second.close()


def test_keyrings_tracing_mounts_and_new_namespaces_are_refused(box):
    out = box.run(
        "import ctypes, os\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        f"numbers = {seccomp._ARCHES[platform.machine()][1]!r}\n"
        "results = {}\n"
        "for name, args in [('keyctl', (0, -3, 0)), ('add_key', (b'user', b'stash', b'code', 4, -3)),\n"
        "                   ('ptrace', (0, 0, 0, 0)), ('mount', (b'none', b'/tmp', b'tmpfs', 0, 0)),\n"
        "                   ('unshare', (0x10000000,)), ('clone', (0x10000000 | 17, 0, 0, 0, 0)), ('bpf', (0, 0, 0))]:\n"
        "    results[name] = (libc.syscall(numbers[name], *args), ctypes.get_errno())\n"
        "pid = os.fork()\n"
        "if pid == 0:\n    os._exit(7)\n"
        "results['fork'] = os.waitpid(pid, 0)[1] >> 8\n"
        "print(results)"
    )
    results = eval(out["stdout"])
    assert results.pop("fork") == 7
    assert results == {name: (-1, errno.EPERM) for name in results}


def test_tmp_and_the_working_folder_are_size_capped_and_memory_counts_them():
    b = Box(sandbox.Limits(folder_bytes=32 * 2**20))
    try:
        for folder in ("/tmp", "/sandbox", "/dev/shm"):
            out = b.run(
                f"try:\n    open('{folder}/big', 'wb').write(bytes(40 * 2**20))\nexcept OSError as e:\n    print(e.errno)"
            )
            assert out["stdout"].strip() == str(errno.ENOSPC) or out["stdout"].strip() == str(errno.EFBIG)
    finally:
        b.close()


@pytest.mark.skipif(budget.describe().startswith("no cgroup"), reason="a cgroup per sandbox needs root here")
def test_forked_children_and_tmpfs_files_share_one_memory_budget():
    b = Box(sandbox.Limits(memory_bytes=256 * 2**20, folder_bytes=2**30, call_seconds=30))
    try:
        # Each child alone is within the address-space limit; together they are not.
        b.run(
            "import os, time\nfor _ in range(4):\n    if os.fork() == 0:\n        x = bytearray(b'x' * (120 * 2**20))\n"
            "        time.sleep(30)\n        os._exit(0)\ntime.sleep(2)\n"
            "for i in range(32):\n    open(f'/tmp/f{i}', 'wb').write(b'x' * (15 * 2**20))"
        )
        memory = next(f for f in b.box.budget.folders if "memory" in str(f) or (f / "memory.max").exists())
        peak = (
            memory / "memory.max_usage_in_bytes"
            if (memory / "memory.max_usage_in_bytes").exists()
            else memory / "memory.peak"
        )
        assert int(peak.read_text()) <= 256 * 2**20
    finally:
        b.close()
    assert all(not f.exists() for f in b.box.budget.folders)


def test_slots_never_collide_and_free_up_when_released():
    first, second = sandbox.claim_slot(), sandbox.claim_slot()
    assert first[0] != second[0]
    first[1].close()
    third = sandbox.claim_slot()
    assert third[0] == first[0]
    second[1].close()
    third[1].close()


def test_a_scratch_folder_of_any_depth_is_removed(tmp_path):
    top = tmp_path / "scratch"
    top.mkdir()
    (top / "link").symlink_to(tmp_path)  # never followed
    fd = os.open(top, os.O_RDONLY)
    for _ in range(3000):  # deeper than PATH_MAX allows to name
        os.mkdir("folder", dir_fd=fd)
        os.close(os.open("file", os.O_CREAT | os.O_WRONLY, dir_fd=fd))
        child = os.open("folder", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = child
    os.close(fd)
    (tmp_path / "kept").write_text("mine")
    sandbox.remove_tree(top)
    assert not top.exists() and (tmp_path / "kept").exists()


def test_the_probe_runs_with_the_limits_of_grading():
    with pytest.raises(sandbox.SandboxUnavailable, match="could not start|cannot run"):
        sandbox.check_available(sandbox.Limits(memory_bytes=8 * 2**20, call_seconds=10))


def test_no_process_outlives_its_sandbox():
    b = Box()
    b.run(
        "import os, signal, time\n"
        "if os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
        "        signal.signal(signal.SIGTERM, signal.SIG_IGN)\n        time.sleep(600)\n    os._exit(0)\n"
        "time.sleep(0.5)"
    )
    inside = [pid for pid in (p.name for p in Path("/proc").glob("[0-9]*")) if _descends(pid, b.box.process.pid)]
    assert len(inside) >= 3  # bubblewrap, the worker and the double-forked sleeper at least
    b.close()
    assert not [pid for pid in inside if _running(pid)]


def _running(pid):
    try:
        return "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()  # a zombie waits for init to reap it
    except OSError:
        return False
