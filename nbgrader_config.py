# nbgrader's configuration for the course. `python -m autograder` loads it, and so
# do the stock `nbgrader ...` commands run from the repository's top folder.
c = get_config()  # noqa: F821 (nbgrader provides it)

c.CourseDirectory.course_id = "logistic-regression"
# The course working folder: source, release, submitted, autograded, feedback and
# the gradebook. Generated, never committed. `python -m autograder --course DIR` overrides it.
c.CourseDirectory.root = "course"

# The exchange (release_assignment, collect, release_feedback and formgrader's
# buttons) lives inside the course folder too; nbgrader refuses one that does not
# exist, so it is made here. `python -m autograder --course DIR` moves it to DIR/exchange.
import os  # noqa: E402

_here = os.path.dirname(os.path.abspath(__file__))
c.Exchange.root = os.path.join(_here, "course", "exchange")
os.makedirs(c.Exchange.root, exist_ok=True)
# Stock `nbgrader export` writes grades.csv to the current folder by default: the
# repository's top folder, which is published. Grades stay in the course folder.
c.ExportPlugin.to = os.path.join(_here, "course", "nbgrader-grades.csv")
# One notebook per chapter, named like the chapter.
c.CourseDirectory.notebook_id = "*"

# The stub that replaces a solution, the same as the book's student edition.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}

# A cell may run this long before the submission is stopped.
c.Execute.timeout = 120
c.Execute.interrupt_on_timeout = True

# Feedback never shows hidden tests' code, and reduces test errors to their message
# (stock nbgrader shows both, nbgrader #917); see autograder/feedback.py.
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import GetGrades  # noqa: E402

from autograder.feedback import HideHiddenTests  # noqa: E402

c.GenerateFeedback.preprocessors = [GetGrades, HideHiddenTests, CSSHTMLHeaderPreprocessor]
# A student's HTML, SVG or markdown output runs no script in their feedback page
# (HideHiddenTests escapes their markdown cells, which nbgrader's template renders raw).
c.HTMLExporter.sanitize_html = True
# Figures are not graded: drawing them off screen keeps autograded notebooks and
# feedback small (an inline PNG per figure per student otherwise).
c.Execute.extra_arguments = ["--matplotlib=agg"]
