# nbgrader's configuration for the course. `python -m autograder` loads it, and so
# do the stock `nbgrader ...` commands run from the repository's top folder.
c = get_config()  # noqa: F821 (nbgrader provides it)

c.CourseDirectory.course_id = "logistic-regression"
# The course working folder: source, release, submitted, autograded, feedback and
# the gradebook. Generated, never committed. `python -m autograder --course DIR` overrides it.
c.CourseDirectory.root = "course"
# One notebook per chapter, named like the chapter.
c.CourseDirectory.notebook_id = "*"

# The stub that replaces a solution, the same as the book's student edition.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}

# A cell may run this long before the submission is stopped.
c.Execute.timeout = 120
c.Execute.interrupt_on_timeout = True

# Feedback never shows hidden tests' code, and reduces test errors to their message
# (stock nbgrader shows both, nbgrader #917); see autograder/feedback.py.
from nbgrader.preprocessors import GetGrades  # noqa: E402
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402

from autograder.feedback import HideHiddenTests  # noqa: E402

c.GenerateFeedback.preprocessors = [GetGrades, HideHiddenTests, CSSHTMLHeaderPreprocessor]
# Figures are not graded: drawing them off screen keeps autograded notebooks and
# feedback small (an inline PNG per figure per student otherwise).
c.Execute.extra_arguments = ["--matplotlib=agg"]
