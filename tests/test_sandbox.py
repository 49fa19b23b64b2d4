"""What student code can and cannot do inside the grading sandbox."""

import socket

import pytest

from autograder import sandbox, wire
from bookbuild.sources import ROOT

pytestmark = pytest.mark.skipif(sandbox.bubblewrap() is None, reason="bubblewrap is installed by `make test`")


class Box:
    def __init__(self, limits=sandbox.Limits()):
        self.box = sandbox.start(limits)
        self.box.wait_ready(20)
        self.channel = wire.Channel(self.box.from_worker, self.box.to_worker)

    def run(self, source):
        self.channel.send({"op": "exec", "source": source, "index": 0})
        return self.channel.wait_for_reply()

    def close(self):
        self.box.kill()


@pytest.fixture
def box():
    b = Box()
    yield b
    b.close()


def test_the_sandbox_is_available_here():
    sandbox.check_available()


def test_code_runs_as_an_unprivileged_user_with_no_capabilities(box):
    out = box.run("import os\nprint(os.getuid(), os.geteuid())\nprint(open('/proc/self/status').read().split('CapEff:')[1].split()[0])")
    uid, euid = out["stdout"].split()[:2]
    assert uid != "0" and euid != "0"
    assert out["stdout"].split()[2] == "0000000000000000"


def test_there_is_no_network(box):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    out = box.run(f"import socket\ntry:\n    socket.create_connection(('127.0.0.1', {port}), timeout=2)\n    print('connected')\nexcept OSError as e:\n    print('refused', e)")
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
