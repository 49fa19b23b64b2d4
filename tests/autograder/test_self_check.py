"""The whole self-check on a Colab-like kernel: NumPy 2.0.2, no nbgrader, no course packages.

A chapter 3 notebook with a wrong `loss` (the first exercise) runs top to bottom
as "Run All" does (a failing test reports on stderr and the notebook goes on); its last cell
must report every visible test, the failing ones in full, the later exercise's
(`cost`) too.
"""

import json
import subprocess

import nbformat
import pytest

from autograder.examples import submission
from tests.corpus import VARIANTS
from tests.kernels import RUNNER, kernel

pytestmark = pytest.mark.slow
CHAPTER = "03_cross_entropy"


def test_the_self_check_cell_reports_every_visible_test_on_colabs_numpy(tmp_path):
    wrong = next(v for v in VARIANTS if v["chapter"] == CHAPTER and v["name"] == "wrong-loss_log10")
    nb = submission(CHAPTER, {"loss": wrong["path"].read_text(encoding="utf-8")})
    path = tmp_path / f"{CHAPTER}.ipynb"
    nbformat.write(nb, path)
    run = subprocess.run(
        [str(kernel("2.0.2")), "-I", str(RUNNER), "--self-check", str(path)],
        capture_output=True,
        text=True,
        cwd="/",
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    printed = json.loads(run.stdout)[str(path)]
    tests = [c.metadata["nbgrader"] for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    for test in tests:
        assert f"  {test['grade_id']}  (" in printed, f"{test['grade_id']} is not reported:\n{printed}"
    assert "FAIL  test_loss_values" in printed
    assert (
        "You used log base 10: the course uses the natural logarithm np.log (base 10 divides every loss by ln 10 = 2.303)."
        in printed
    )
    assert all(f"PASS  {t['grade_id']}" in printed for t in tests if t["grade_id"].startswith("test_cost"))
    total = sum(t["points"] for t in tests)
    assert f" of {total} points." in printed
