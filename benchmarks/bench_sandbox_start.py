"""The cost of one sandbox: a cold start (bubblewrap and a new Python with numpy) against a warm fork of the zygote.

    .venv/bin/python benchmarks/bench_sandbox_start.py          # 20 of each
    .venv/bin/python benchmarks/bench_sandbox_start.py -n 50 --module sklearn.linear_model

Each sandbox is started, answers one cell that imports numpy (and the
``--module``s, as chapters 7 and 8 do), and is killed, as grading does with
each submission. Prints the wall time and the CPU time (of this process and
every process it started, counted by a cpuacct cgroup as root; the zygote's own start is
reported apart) per sandbox, and their ratio, cold / warm. The machine may
be shared: read the ratios, not the seconds.
"""

import argparse
import os
import time

from autograder import budget, sandbox, wire


class CpuClock:
    """CPU seconds of this process and of everything it starts, from a cpuacct cgroup of their own (root, cgroup v1).

    Sandboxes are killed, so their CPU never reaches this process's rusage: a
    cgroup counts it whoever reaps them. Elsewhere: None, and only wall times are printed.
    """

    def __init__(self):
        self.folder = None
        mount = budget._v1_mount("cpuacct")
        if os.geteuid() != 0 or mount is None:
            return
        folder = mount / budget._own_path("cpuacct").lstrip("/") / f"bench-sandbox-{os.getpid()}"
        folder.mkdir()
        (folder / "cgroup.procs").write_text(str(os.getpid()))
        self.folder, self.home = folder, folder.parent

    def seconds(self):
        return int((self.folder / "cpuacct.usage").read_text()) / 1e9 if self.folder else None

    def close(self):
        if self.folder:
            (self.home / "cgroup.procs").write_text(str(os.getpid()))
            for _ in range(100):  # the last sandbox's processes may still be on their way out
                try:
                    self.folder.rmdir()
                    return
                except OSError:
                    time.sleep(0.05)


def one(source, start):
    box = start()
    try:
        box.wait_ready(60)
        channel = wire.Channel(box.from_worker, box.to_worker)
        channel.send({"op": "exec", "source": source, "index": 0})
        reply = channel.wait_for_reply()
        assert reply["error"] is None, reply
    finally:
        box.kill()


def measure(n, source, start, clock):
    wall, cpu = time.perf_counter(), clock.seconds()
    for _ in range(n):
        one(source, start)
    return (time.perf_counter() - wall) / n, (clock.seconds() - cpu) / n if cpu is not None else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20, help="sandboxes of each kind")
    parser.add_argument("--module", action="append", default=[], help="a module the cell imports besides numpy")
    args = parser.parse_args()
    source = "\n".join(f"import {m}" for m in ["numpy", *args.module])
    os.environ.pop(sandbox.MODE_VARIABLE, None)
    sandbox.prefer_modules(args.module)
    clock = CpuClock()
    try:
        sandbox.check_available()
        wall = time.perf_counter()
        sandbox.zygote()
        zygote_start = time.perf_counter() - wall
        warm = measure(args.n, source, sandbox.start, clock)
        cold = measure(args.n, source, sandbox.start_cold, clock)
    finally:
        sandbox.close_zygote()
        clock.close()
    print(f"one cell importing {', '.join(['numpy', *args.module])}; {args.n} sandboxes of each kind")
    print(
        f"zygote start, with {', '.join(sandbox.zygote_modules())} (once per grading process): {zygote_start:.3f} s wall"
    )
    print(f"{'':12}{'wall s':>10}{'CPU s':>10}")
    for name, (w, c) in [("cold start", cold), ("warm fork", warm)]:
        print(f"{name:12}{w:10.4f}{c:10.4f}" if c is not None else f"{name:12}{w:10.4f}{'n/a':>10}")
    ratio_cpu = f"{cold[1] / warm[1]:10.1f}" if cold[1] is not None else f"{'n/a':>10}"
    print(f"{'cold / warm':12}{cold[0] / warm[0]:10.1f}{ratio_cpu}")


if __name__ == "__main__":
    main()
