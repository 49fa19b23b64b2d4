"""Grading tools for the course: numerical gradient checks now, the nbgrader engine later."""
