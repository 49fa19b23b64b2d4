"""Grading for the course.

One module per verb of ``python -m autograder`` (release, collect, grade,
feedback, report), the grading engine (engine, sandbox, worker, wire, record,
parallel), the checks the notebooks' tests call (testkit) and the numerical
gradient checker (gradcheck).
"""
