"""Where every student stands on each assigned chapter: graded, not gradable, or not submitted.

The grade sheet, the report and ``export`` read this one table, so they agree
on who handed in what. A chapter counts as assigned once something was
collected or graded for it; a chapter that was only released does not appear,
so it never shows as a 0 for everyone.
"""

from dataclasses import dataclass

GRADED, NOT_GRADABLE, NOT_SUBMITTED, PENDING = "graded", "not gradable", "not submitted", "not graded yet"


@dataclass
class Standing:
    chapter: str
    student_id: str
    first_name: str
    last_name: str
    email: str
    platform_id: str
    status: str
    score: float | None  # None when not submitted: never a bare 0
    max_score: float
    timestamp: str = ""
    late_penalty: float | None = None
    duedate: str = ""

    @property
    def name(self):
        return " ".join(filter(None, [self.first_name, self.last_name])) or self.student_id


def assigned_chapters(course):
    return [c for c in course.chapters() if course.collected(c) or course.students(c)]


def standings(course, chapters, graded_problems=None):
    """[Standing] for every student in the gradebook and every chapter given.

    ``graded_problems``: {(chapter, student): text} of submissions the grader
    could not run; those are "not gradable" too.
    """
    from nbgrader.api import MissingEntry

    graded_problems = graded_problems or {}
    rows = []
    with course.gradebook() as gradebook:
        students = gradebook.students
        for chapter in chapters:
            outcomes = course.collected(chapter)
            try:
                assignment = gradebook.find_assignment(chapter)
                max_score, duedate = assignment.max_score, str(assignment.duedate or "")
            except MissingEntry:
                max_score, duedate = 0.0, ""
            submissions = _submissions(gradebook, chapter)
            found = [
                _standing(
                    submissions,
                    chapter,
                    student,
                    outcomes.get(student.id),
                    max_score,
                    duedate,
                    (chapter, student.id) in graded_problems,
                    course,
                )
                for student in students
            ]
            rows += _one_per_person(found)
    return rows


def _submissions(gradebook, chapter):
    """{student id: (score, timestamp, late penalty)} of the chapter's submissions, in one query.

    The same values as ``find_submission(chapter, student)``'s ``score``,
    ``timestamp`` and ``late_submission_penalty``, for every student at once.
    """
    from nbgrader.api import Assignment, SubmittedAssignment

    query = (
        gradebook.db.query(
            SubmittedAssignment.student_id,
            SubmittedAssignment.score,
            SubmittedAssignment.timestamp,
            SubmittedAssignment.late_submission_penalty,
        )
        .join(Assignment, Assignment.id == SubmittedAssignment.assignment_id)
        .filter(Assignment.name == chapter)
    )
    return {student: (score, timestamp, late) for student, score, timestamp, late in query}


def _one_per_person(found):
    """Drop "not submitted" rows of ids that share an email with one who did, or with each other.

    Moodle numbers participants per assignment, so one person has several ids;
    the email (from the grading worksheet) says they are one.
    """
    handed_in = {s.email.lower() for s in found if s.email and s.status != NOT_SUBMITTED}
    kept, seen = [], set()
    for s in found:
        email = s.email.lower()
        if s.status == NOT_SUBMITTED and email and (email in handed_in or email in seen):
            continue
        seen.add(email)
        kept.append(s)
    return kept


def _standing(submissions, chapter, student, outcome, max_score, duedate, grader_failed, course):
    common = dict(
        chapter=chapter,
        student_id=student.id,
        first_name=student.first_name or "",
        last_name=student.last_name or "",
        email=student.email or "",
        platform_id=student.lms_user_id or "",
        max_score=max_score,
        duedate=duedate,
    )
    graded = submissions.get(student.id) if course.autograded_path(student.id, chapter).exists() else None
    if graded is not None and not grader_failed:
        score, timestamp, late_penalty = graded
        return Standing(
            **common,
            status=GRADED,
            score=score,
            timestamp=str(timestamp or ""),
            late_penalty=late_penalty,
        )
    if grader_failed or (
        outcome is not None and not outcome["imported"] and not course.submitted_path(student.id, chapter).exists()
    ):
        return Standing(**common, status=NOT_GRADABLE, score=0.0)  # they handed in something: it earns 0
    if course.submitted_path(student.id, chapter).exists():
        return Standing(**common, status=PENDING, score=None)
    return Standing(**common, status=NOT_SUBMITTED, score=None)
