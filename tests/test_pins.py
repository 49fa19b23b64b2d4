"""The setup works on the oldest Python the course supports (Debian 12's own /usr/bin/python3).

The pins' Requires-Python is read from the .venv's installed metadata, the same
field pip checks when it installs them on that Python.
"""

import subprocess
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PICK_PYTHON = ROOT / "tools" / "pick-python"


def oldest_supported_python():
    """The lower bound of pyproject.toml's requires-python."""
    spec = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    lower = [clause.version for clause in SpecifierSet(spec) if clause.operator == ">="]
    assert len(lower) == 1, f"requires-python needs one >= bound, got {spec!r}"
    return Version(lower[0])


def pins():
    """{distribution name: pinned version} from requirements.txt."""
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return dict(line.split("==") for line in lines if line and not line.startswith("#"))


def pins_excluding(python, requires_python):
    """The pins whose Requires-Python (``{pin: specifier or None}``) does not admit ``python``."""
    return {pin: spec for pin, spec in requires_python.items() if spec and python not in SpecifierSet(spec)}


def test_every_pin_admits_the_oldest_supported_python():
    requires_python = {}
    stale = []
    for name, pinned in pins().items():
        try:
            installed = distribution(name)
        except PackageNotFoundError:
            installed = None
        if installed is None or installed.version != pinned:
            stale.append(f"{name}: pinned {pinned}, .venv has {installed and installed.version}")
            continue
        # No Requires-Python (metadata before 1.2) admits every Python.
        requires_python[f"{name}=={pinned}"] = installed.metadata.get("Requires-Python")
    assert not stale, "the .venv does not match requirements.txt (make .venv/.installed):\n" + "\n".join(stale)
    oldest = oldest_supported_python()
    excluded = pins_excluding(oldest, requires_python)
    assert excluded == {}, f"pins that do not install on Python {oldest}: {excluded}"


def test_the_check_catches_a_pin_that_needs_a_newer_python():
    # soupsieve 4.1.1 needs 3.11.5: pinned once, it broke `make book` on Debian 12.
    metadata = {"soupsieve==4.1.1": ">=3.11.5", "numpy==2.4.6": ">=3.11", "six==1.17.0": None}
    assert pins_excluding(Version("3.11.2"), metadata) == {"soupsieve==4.1.1": ">=3.11.5"}


def pick(*candidates, **env):
    return subprocess.run([str(PICK_PYTHON), *candidates], capture_output=True, text=True, env=env or None)


def test_make_picks_the_first_usable_python():
    picked = pick("no-such-python3", sys.executable)
    assert (picked.returncode, picked.stdout.strip()) == (0, sys.executable), picked.stderr


def test_make_says_what_a_python_without_venv_needs(tmp_path):
    # Debian's python3 without python3-venv has no ensurepip: stand it in with a shadowing package.
    (tmp_path / "ensurepip").mkdir()
    (tmp_path / "ensurepip" / "__init__.py").write_text("raise ImportError('no ensurepip')\n")
    picked = pick("no-such-python3", sys.executable, PATH="/usr/bin:/bin", PYTHONPATH=str(tmp_path))
    assert picked.returncode == 1 and picked.stdout == ""
    minor = "{}.{}".format(*sys.version_info[:2])
    assert "no-such-python3: not found" in picked.stderr
    assert f"apt-get install python{minor}-venv" in picked.stderr, picked.stderr
