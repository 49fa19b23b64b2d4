"""The student's notebook: what `nbgrader generate_assignment` releases, without a gradebook.

The same nbgrader preprocessors, in the same order, minus the two that need a
course database (SaveCells) or a test template file (InstantiateTests). The
book's download button and `python -m autograder release` both produce it.
"""

import copy

from nbgrader.preprocessors import (
    CheckCellMetadata,
    ClearHiddenTests,
    ClearMarkScheme,
    ClearOutput,
    ClearSolutions,
    ComputeChecksums,
    LockCells,
)

_PIPELINE = (
    LockCells,
    ClearSolutions,
    ClearOutput,
    CheckCellMetadata,
    ComputeChecksums,
    ClearHiddenTests,
    ClearMarkScheme,
    ComputeChecksums,
    CheckCellMetadata,
)


def student_notebook(source_nb):
    """A copy of the source notebook with solutions stubbed and hidden tests removed."""
    nb = copy.deepcopy(source_nb)
    resources = {"language": "python"}
    for preprocessor in _PIPELINE:
        nb, resources = preprocessor().preprocess(nb, resources)
    return nb
