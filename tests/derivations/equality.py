"""Deciding whether the sides of an equation are equal."""

import random

import sympy as sp


def difference_vanishes(left, right, samples=24, seed=0):
    """True if ``left - right`` simplifies to 0, or else vanishes at many random points.

    The numerical fallback evaluates at ``samples`` points with 30 significant
    digits, drawing each free symbol from its own range (positive symbols from
    (0.05, 3), symbols named like probabilities from (0.05, 0.95), others from
    (-3, 3)); sympy's simplifier sometimes cannot finish a true identity.
    """
    difference = sp.simplify(sp.expand(left - right))
    if difference == 0:
        return True
    symbols = sorted(difference.free_symbols | left.free_symbols | right.free_symbols, key=str)
    rng = random.Random(seed)
    for _ in range(samples):
        point = {s: sp.Float(_draw(s, rng), 30) for s in symbols}
        value = sp.N(difference.subs(point), 30)
        scale = 1 + abs(sp.N(left.subs(point), 30))
        if not value.is_number or abs(value) > sp.Float("1e-20") * scale:
            return False
    return True


def _draw(symbol, rng):
    if str(symbol) in {"a", "p", "q"} or str(symbol).startswith(("a_", "p_")):
        return rng.uniform(0.05, 0.95)
    if symbol.is_positive:
        return rng.uniform(0.05, 3.0)
    return rng.uniform(-3.0, 3.0)
