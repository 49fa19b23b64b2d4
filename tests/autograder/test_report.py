"""The report shows student-made text as text: in its HTML and in its figures."""

from collections import Counter

import matplotlib.pyplot as plt
import pytest

from autograder import report
from autograder.standing import NOT_GRADABLE, NOT_SUBMITTED, Standing

CRAFTED = r"Likely mistake $\sqrt[{$ <script>alert(1)</script>"


def test_crafted_error_text_would_crash_mathtext():
    """The hazard is real: drawn with mathtext, this text raises."""
    with pytest.raises(ValueError):
        report._png(report._figure_mistakes(Counter({CRAFTED: 2})))


def test_the_report_draws_it_as_plain_text_and_escapes_it():
    people = [
        Standing("ch", "canvas-1", "", "<b>bold</b>", "", "1", NOT_SUBMITTED, None, 9.0),
        Standing("ch", "canvas-2", "", "$x$", "", "2", NOT_GRADABLE, 0.0, 9.0),
    ]
    with plt.rc_context(report._PLAIN_TEXT):
        page = report._page(
            "ch",
            [0.0, 9.0],
            9.0,
            {"test_a": 0.5},
            Counter({CRAFTED: 2}),
            3,
            people,
            {"canvas-2": "<img src=x onerror=alert(1)>"},
        )
    assert "<script>" not in page and "<b>bold</b>" not in page and "<img src=x" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "3 failed tests matched no known mistake" in page
    assert '<a href="../feedback/canvas-2/ch/ch.html">$x$</a>' in page
