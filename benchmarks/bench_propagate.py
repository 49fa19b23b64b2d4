"""How close `propagate` comes to the two matrix-vector products it cannot avoid.

    .venv/bin/python benchmarks/bench_propagate.py [--features 100] [--examples 1000000]

Prints the best-of-N time of `propagate` on X of shape (features, examples) as a
ratio to w^T X plus X dZ^T, timed in the same run on the same arrays (goal:
<= 1.5x, i.e. no avoidable temporaries or passes over X). Then the ratio of a
per-example Python loop (`propagate_loop`) to `propagate` on a smaller X.
"""

import argparse
import time

import numpy as np

from solutions import propagate, propagate_loop


def best_time(fn, repeats):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--features", type=int, default=100)
    parser.add_argument("--examples", type=int, default=1_000_000)
    parser.add_argument("--loop-examples", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    X = rng.standard_normal((args.features, args.examples))
    Y = (rng.random((1, args.examples)) > 0.5).astype(np.float64)
    w = rng.standard_normal((args.features, 1)) * 0.1
    b = 0.1
    dZ = rng.standard_normal((1, args.examples))

    def matvecs():
        w.T @ X
        X @ dZ.T

    propagate(w, b, X, Y)  # warm up caches and BLAS threads
    t_floor = best_time(matvecs, args.repeats)
    t_propagate = best_time(lambda: propagate(w, b, X, Y), args.repeats)
    print(f"X shape {X.shape}, best of {args.repeats}")
    print(f"  w^T X + X dZ^T (floor): {t_floor * 1e3:8.1f} ms")
    print(f"  propagate:              {t_propagate * 1e3:8.1f} ms")
    print(f"  ratio propagate / floor: {t_propagate / t_floor:.2f}x  (goal <= 1.5x)")

    m = args.loop_examples
    Xs, Ys = X[:, :m].copy(), Y[:, :m].copy()
    t_vec = best_time(lambda: propagate(w, b, Xs, Ys), args.repeats)
    t_loop = best_time(lambda: propagate_loop(w, b, Xs, Ys), 1)
    print(f"X shape {Xs.shape}")
    print(f"  per-example loop: {t_loop * 1e3:9.1f} ms")
    print(f"  vectorized:       {t_vec * 1e3:9.3f} ms")
    print(f"  ratio loop / vectorized: {t_loop / t_vec:.0f}x")


if __name__ == "__main__":
    main()
