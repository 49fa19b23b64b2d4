"""The warm sandbox: each fork of the zygote is as isolated as a cold sandbox, from the zygote and from the other forks."""

import os
import resource
import signal
import sys
from pathlib import Path

import pytest

from autograder import sandbox
from tests.builders import SandboxBox, needs_bubblewrap

# The zygote cannot run a Python under /tmp (each fork's own /tmp would hide it): grading falls back
# to cold sandboxes there, and says so. These tests are of the warm forks, so they need a Python elsewhere.
UNDER_TMP = any(Path("/tmp") in Path(p).resolve().parents for p in (sys.prefix, sys.base_prefix))
pytestmark = [
    needs_bubblewrap,
    pytest.mark.skipif(UNDER_TMP, reason="Python lives under /tmp: the warm sandbox falls back to cold there"),
]


class Box(SandboxBox):
    def run(self, source):
        reply = super().run(source)
        assert reply["error"] is None, reply
        return reply["stdout"]


@pytest.fixture
def boxes():
    made = []

    def make(limits=sandbox.Limits()):
        made.append(Box(limits))
        return made[-1]

    yield make
    for box in made:
        box.close()


@pytest.fixture(autouse=True)
def warm(monkeypatch):
    monkeypatch.delenv(sandbox.MODE_VARIABLE, raising=False)


def _zygote_python(server):
    """The zygote's own Python: the one child of its bubblewrap."""
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children").read_text().split()
    assert len(children) == 1
    return int(children[0])


def test_grading_is_warm_by_default_and_cold_on_request(boxes, monkeypatch):
    assert isinstance(boxes().box, sandbox.WarmSandboxed)
    monkeypatch.setenv(sandbox.MODE_VARIABLE, "cold")
    cold = boxes().box
    assert not isinstance(cold, sandbox.WarmSandboxed) and sandbox.cold_note() is not None


def test_a_zygote_that_cannot_start_falls_back_to_cold_sandboxes_and_says_so(boxes, monkeypatch, capsys):
    def refuse(*args, **kwargs):
        raise sandbox.WarmUnavailable("refused on purpose")

    sandbox.close_zygote()
    monkeypatch.setattr(sandbox, "Zygote", refuse)
    box = boxes()
    assert not isinstance(box.box, sandbox.WarmSandboxed) and box.run("print(6 * 7)") == "42\n"
    assert "refused on purpose" in capsys.readouterr().err and sandbox.mode() == "cold"


def test_a_fork_sees_nothing_an_earlier_or_a_concurrent_fork_wrote(boxes):
    write = "for folder in ('/sandbox', '/tmp', '/dev/shm'):\n    open(f'{folder}/left-behind', 'w').write('secret')\n"
    look = "import os\nprint(sorted(os.listdir('/sandbox') + os.listdir('/tmp') + os.listdir('/dev/shm')))"
    first = boxes()
    first.run(write)
    concurrent = boxes()
    assert concurrent.run(look) == "[]\n"
    first.close()
    assert boxes().run(look) == "[]\n"


def test_a_fork_has_terminals_of_its_own(boxes):
    first = boxes()
    first.run("import os\nkept = os.openpty()\nprint(os.ttyname(kept[1]))")
    assert boxes().run("import os\nprint(sorted(os.listdir('/dev/pts')))") == "['ptmx']\n"


def test_a_fork_cannot_see_or_signal_the_zygote_or_another_fork(boxes):
    other = boxes()
    server = other.box.server
    attacker = boxes()
    seen = attacker.run("import os\nprint(sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))")
    assert seen == "[1, 2]\n", "only its process 1 and itself"
    attacker.run(
        "import os, signal\n"
        "for number in [-1, *range(1, 4000)]:\n"
        "    if number != os.getpid():\n"
        "        try:\n            os.kill(number, signal.SIGKILL)\n        except OSError:\n            pass\n"
    )
    assert server.alive() and Path(f"/proc/{_zygote_python(server)}").exists()
    assert other.run("print('still here')") == "still here\n"
    assert attacker.run("print('and me')") == "and me\n"


def test_each_fork_has_its_own_pid_user_and_network_namespaces_and_uid(boxes):
    look = (
        "import os\nprint(os.getpid(), os.getuid(), "
        "*(os.readlink(f'/proc/self/ns/{kind}') for kind in ('pid', 'user', 'net', 'mnt', 'ipc')))"
    )
    first, second = boxes(), boxes()
    seen = [b.run(look).split() for b in (first, second)]
    assert all(s[:2] == ["2", str(sandbox.NOBODY)] for s in seen), "the worker is process 2, nobody in its namespace"
    mine = {os.readlink(f"/proc/self/ns/{kind}") for kind in ("pid", "user", "net", "mnt", "ipc")}
    zygote = _zygote_python(first.box.server)
    theirs = {os.readlink(f"/proc/{zygote}/ns/{kind}") for kind in ("pid", "user", "net", "mnt", "ipc")}
    for kind in range(2, 7):
        assert seen[0][kind] != seen[1][kind] and seen[0][kind] not in mine | theirs
    if os.geteuid() == 0:
        uids = [
            int(Path(f"/proc/{b.box.process.pid}/status").read_text().split("Uid:")[1].split()[0])
            for b in (first, second)
        ]
        assert min(uids) >= sandbox.SLOT_UID_BASE and uids[0] != uids[1]


def test_each_fork_has_its_own_limits(boxes):
    small = sandbox.Limits(memory_bytes=512 * 2**20, processes=8, cpu_seconds=30, open_files=32)
    look = (
        "import resource\n"
        "print(*(resource.getrlimit(getattr(resource, f'RLIMIT_{n}'))[0] for n in ('AS', 'NPROC', 'CPU', 'NOFILE')))"
    )
    tight, default = boxes(small), boxes()
    assert tight.run(look).split() == [str(v) for v in (512 * 2**20, 8, 30, 32)]
    limits = sandbox.Limits()
    assert default.run(look).split() == [
        str(v) for v in (limits.memory_bytes, limits.processes, limits.cpu_seconds, limits.open_files)
    ]
    assert resource.getrlimit(resource.RLIMIT_AS)[0] != 512 * 2**20


def test_a_fork_bomb_in_one_fork_leaves_the_other_its_whole_process_budget(boxes):
    hold = (
        "import os, time\nforked = 0\n"
        "for _ in range({n}):\n"
        "    try:\n        pid = os.fork()\n    except OSError:\n        break\n"
        "    if pid == 0:\n        time.sleep(20); os._exit(0)\n"
        "    forked += 1\n"
        "print(forked)"
    )
    bomb, other = boxes(sandbox.Limits(processes=8)), boxes(sandbox.Limits(processes=16))
    assert int(bomb.run(hold.format(n=50))) < 8
    assert int(other.run(hold.format(n=12))) == 12


def test_each_fork_has_a_cgroup_of_its_own_where_one_can_be_made(boxes):
    first, second = boxes(), boxes()
    if first.box.budget is None:
        pytest.skip("no cgroup can be made here")
    for box in (first, second):
        folder = box.box.budget.folders[0]
        members = {int(p) for p in (folder / "cgroup.procs").read_text().split()}
        assert box.box.process.pid in members and len(members) == 2  # its process 1 and the worker
    assert set(first.box.budget.folders).isdisjoint(second.box.budget.folders)


def test_a_finished_fork_is_reaped_and_its_slot_and_scratch_released(boxes):
    box = boxes()
    pid, scratch = box.box.process.pid, box.box.scratch
    box.run("import os\nif os.fork() == 0:\n    os.setsid()\n    import time; time.sleep(600)\n")
    box.close()
    assert box.box.process.returncode == -signal.SIGKILL and not scratch.exists()
    assert not Path(f"/proc/{pid}").exists()
