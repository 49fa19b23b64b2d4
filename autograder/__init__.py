"""Grading for the course.

One module per verb of ``python -m autograder`` (release, collect, grade,
feedback, report) and the grading engine (engine, sandbox, worker, wire,
record, parallel). What a chapter's notebooks are, and the checks their tests
call, is ``chapterkit``'s.
"""
