"""validate: nbgrader's check of a completed notebook, with every message in full and an exit status.

Stock ``nbgrader validate`` cuts each line at 90 characters (the hints are
longer) and exits 0 whether the notebook passes or not, so a script or a hub
cannot tell. This runs the same validator without the cut, and returns the
number of notebooks that did not pass.
"""

from nbconvert.filters import strip_ansi
from nbgrader.validator import Validator


class FullValidator(Validator):
    results = None

    def validate(self, filename):
        # validate_and_print runs the notebook once; keep what it found for the exit status.
        self.results = super().validate(filename)
        return self.results

    def _indent(self, val):
        # nbgrader's own indent, without cutting lines at its display width.
        return "\n".join(self.indent + strip_ansi(line) for line in val.split("\n"))


def validate(notebooks, config=None):
    """Print nbgrader's verdict on each notebook; return how many did not pass."""
    validator = FullValidator(config=config)
    failing = 0
    for notebook in notebooks:
        validator.validate_and_print(str(notebook))
        results = validator.results
        failing += bool(results.get("failed") or results.get("changed") or results.get("type_changed"))
    return failing
