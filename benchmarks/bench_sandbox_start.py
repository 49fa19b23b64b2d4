"""The cost of one sandbox: a cold start (bubblewrap and a new Python with numpy) against a warm fork of the zygote.

    .venv/bin/python benchmarks/bench_sandbox_start.py          # 20 of each
    .venv/bin/python benchmarks/bench_sandbox_start.py -n 50 --module sklearn.linear_model

Each sandbox is started, answers one cell that imports numpy (and the
``--module``s, as chapters 7 and 8 do), and is killed, as grading does with
each submission. Prints the wall time and the CPU time (of this process and
every process it waited for: bubblewrap, the workers; the zygote's own start is
counted once, apart) per sandbox, and their ratio, cold / warm. The machine may
be shared: read the ratios, not the seconds.
"""

import argparse
import os
import resource
import time
from pathlib import Path

from autograder import sandbox, wire


def _cpu():
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _zygote_cpu(server):
    """The CPU time of the zygote's processes and of the forks they reaped (they are not our children)."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    for pid in [
        server.process.pid,
        *Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children").read_text().split(),
    ]:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += sum(int(v) for v in fields[11:15]) / ticks  # utime, stime, cutime, cstime
    return total


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


def measure(n, source, start, server=None):
    wall, cpu = time.perf_counter(), _cpu()
    before = _zygote_cpu(server) if server else 0.0
    for _ in range(n):
        one(source, start)
    after = _zygote_cpu(server) if server else 0.0
    return (time.perf_counter() - wall) / n, (_cpu() - cpu + after - before) / n


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20, help="sandboxes of each kind")
    parser.add_argument("--module", action="append", default=[], help="a module the cell imports besides numpy")
    args = parser.parse_args()
    source = "\n".join(f"import {m}" for m in ["numpy", *args.module])
    os.environ.pop(sandbox.MODE_VARIABLE, None)
    sandbox.check_available()
    wall = time.perf_counter()
    server = sandbox.zygote()
    zygote_start = time.perf_counter() - wall
    warm = measure(args.n, source, sandbox.start, server)
    cold = measure(args.n, source, sandbox.start_cold)
    print(f"one cell importing {', '.join(['numpy', *args.module])}; {args.n} sandboxes of each kind")
    print(f"zygote start (once per grading process): {zygote_start:.3f} s wall")
    print(f"{'':12}{'wall s':>10}{'CPU s':>10}")
    print(f"{'cold start':12}{cold[0]:10.4f}{cold[1]:10.4f}")
    print(f"{'warm fork':12}{warm[0]:10.4f}{warm[1]:10.4f}")
    print(f"{'cold / warm':12}{cold[0] / warm[0]:10.1f}{cold[1] / max(warm[1], 1e-9):10.1f}")
    sandbox.close_zygote()


if __name__ == "__main__":
    main()
