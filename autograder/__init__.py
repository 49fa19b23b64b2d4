"""Grading for the course.

One module per verb of ``python -m autograder`` (release, collect, grade,
feedback, report) and the grading engine (engine, sandbox, worker, wire,
record, parallel). What a chapter's notebooks are, and the checks their tests
call, is ``chapterkit``'s.
"""

import sys

# jsonschema (under nbformat and nbgrader) imports rfc3987_syntax when it is installed (a
# dependency of jupyter-events), which compiles dozens of grammars: seconds per process, for
# the "iri" string formats that no notebook schema uses. Every grading process pays it, so
# it is kept out; jsonschema then goes without those two format checks.
sys.modules.setdefault("rfc3987_syntax", None)
