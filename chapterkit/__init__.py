"""A chapter as nbgrader notebooks: what the book build and the grader share.

The chapters' names and numbers and their source notebooks (``sources``), the
nbgrader cells' roles (``cells``), the student notebook (``student``), the
MyST-to-plain-Markdown conversion (``plain``), the leak scan (``leaks``) and
the checks every notebook's tests call (``testkit``). It imports only
``solutions`` of this repository; ``bookbuild`` and ``autograder`` import it,
never each other.
"""
