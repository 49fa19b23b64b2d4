"""Shared fixtures and hypothesis strategies."""

import fcntl
import functools
import os
from pathlib import Path

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


# The slow tier's longest modules, longest first (seconds on a 2-core machine: stock nbgrader
# ~170, the browser and phone pages ~100 each after the book, the corpus ~80, ...). Only the order
# in which xdist hands out modules: a long one started last keeps one worker busy after the others.
# Modules not listed follow, the slow ones first.
LONGEST_FIRST = [
    "autograder/test_same_meaning.py",
    "autograder/test_unprivileged.py",
    "bookbuild/test_browser.py",
    "bookbuild/test_phone.py",
    "bookbuild/test_figures.py",
    "bookbuild/test_zh_edition.py",
    "autograder/test_corpus.py",
    "autograder/test_export.py",
    "autograder/test_same_verdict.py",
    "autograder/test_attacks.py",
    "autograder/test_workflow.py",
    "autograder/test_resume.py",
    "autograder/test_dask.py",
    "autograder/test_postgres.py",
    "bookbuild/test_book_build.py",
    "bookbuild/test_jupyterlab.py",
    "bookbuild/test_editions.py",
    "bookbuild/test_derivations.py",
]


# Modules that must not run while another of their kind does: one worker runs them, one after the
# other. Those that run commands as tests/accounts.py's ordinary user: the cgroups delegated to the
# user while one grades would also hold, and be undone under, the other's sandboxes.
TOGETHER = {
    "autograder/test_export.py": "the ordinary account",
    "autograder/test_unprivileged.py": "the ordinary account",
}


def unit(module):
    """What xdist hands one worker at once: a module (its module fixtures are made once), or its TOGETHER group."""
    return TOGETHER.get(module, module)


def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class Units(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return unit(nodeid.split("::")[0].removeprefix("tests/"))

    return Units(config, log)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    tests = Path(__file__).parent
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    module = {
        item: item.path.relative_to(tests).as_posix() if item.path.is_relative_to(tests) else str(item.path)
        for item in items
    }
    unit_rank, slow = {}, set()
    for item in items:
        u = unit(module[item])
        unit_rank[u] = min(unit_rank.get(u, len(rank)), rank.get(module[item], len(rank)))
        if item.get_closest_marker("slow"):
            slow.add(u)
    # Stable: each module's own order is kept, and a unit's modules stay together.
    items.sort(key=lambda item: (unit_rank[unit(module[item])], unit(module[item]) not in slow, unit(module[item])))


def run_folder(tmp_path_factory):
    """A folder of this run that every xdist worker sees (the session's own one without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def run_once(tmp_path_factory, name, make, wait=True):
    """``make(folder)`` (a path), made once per run by the first worker that asks; the others get the same.

    With ``wait`` false, None while another worker is making it. A failure is kept, so every
    worker that asks fails with it rather than making it again.
    """
    base = run_folder(tmp_path_factory)
    done, failed = base / f"{name}.done", base / f"{name}.failed"
    with open(base / f"{name}.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            return None
        if failed.exists():
            pytest.fail(f"{name} failed (in another worker):\n{failed.read_text()}", pytrace=False)
        if not done.exists():
            folder = base / name
            folder.mkdir()
            try:
                made = make(folder)
            except BaseException as error:
                failed.write_text(f"{type(error).__name__}: {error}")
                raise
            done.write_text(str(made))
        return Path(done.read_text())


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """Both editions of the real book, built strictly once per run and shared by the xdist workers.

    Returns {edition: html folder}. A failed build fails every test that needs it.
    """
    from bookbuild.editions import EDITIONS, build

    html, pending = {}, list(EDITIONS)
    while pending:
        # Build an edition no other worker is building, so two workers build the two at once.
        for edition in pending:
            made = run_once(tmp_path_factory, f"book-{edition}", functools.partial(build, edition), wait=False)
            if made is not None:
                break
        else:
            edition = pending[0]
            made = run_once(tmp_path_factory, f"book-{edition}", functools.partial(build, edition))
        html[edition] = made
        pending.remove(edition)
    return {edition: html[edition] for edition in EDITIONS}


def pytest_terminal_summary(terminalreporter, config):
    """Each catalog's translated, stale and untranslated counts, after a run that checked the translations."""
    import shutil

    reports = [r for reports in terminalreporter.stats.values() for r in reports if hasattr(r, "nodeid")]
    if shutil.which("msgmerge") is None or not any("test_i18n.py" in r.nodeid for r in reports):
        return
    from chapterkit import i18n

    terminalreporter.section("translations")
    for language in i18n.LANGUAGES:
        rows = i18n.status(language)
        for domain, done, stale, missing, exists in rows:
            if exists:
                terminalreporter.write_line(
                    f"{language} {domain}: {done} translated, {stale} stale, {missing} untranslated"
                )
        absent = [domain for domain, *_, exists in rows if not exists]
        if absent:
            terminalreporter.write_line(f"{language} no catalog, missing from the edition: {', '.join(absent)}")
