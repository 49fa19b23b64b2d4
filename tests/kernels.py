"""The students' own kernels: other virtual environments, with another NumPy (`make student-kernels`)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNNER = Path(__file__).parent / "student_kernel.py"


def kernel(numpy_version):
    python = ROOT / f".venv-numpy-{numpy_version}" / "bin" / "python"
    assert python.exists(), f"{python} is missing: run `make student-kernels` (make test does)"
    return python
