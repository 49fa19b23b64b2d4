"""Shared fixtures and hypothesis strategies."""

import os

import numpy as np
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

# CI gets more examples; a local run stays quick.
settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "dev")

moderate = st.floats(-5, 5, allow_nan=False, allow_infinity=False)


@st.composite
def problems(draw, max_features=6, max_examples=12):
    """(w, b, X, Y) with random shapes and moderate values."""
    n_x = draw(st.integers(1, max_features))
    m = draw(st.integers(1, max_examples))
    w = draw(hnp.arrays(np.float64, (n_x, 1), elements=moderate))
    b = draw(moderate)
    X = draw(hnp.arrays(np.float64, (n_x, m), elements=moderate))
    Y = draw(hnp.arrays(np.float64, (1, m), elements=st.sampled_from([0.0, 1.0])))
    return w, b, X, Y


@pytest.fixture
def rng():
    return np.random.default_rng(20261121)


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """Both editions of the real book, built strictly once per test session.

    Returns {edition: html folder}. A failed build fails every test that needs it.
    """
    from bookbuild.editions import EDITIONS, build

    root = tmp_path_factory.mktemp("book")
    return {edition: build(edition, root) for edition in EDITIONS}
