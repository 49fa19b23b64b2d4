"""python -m autograder: release, roster, collect, grade, feedback, report and export, for instructors.

  release [CHAPTER ...]     write the student notebooks to DIR/release/<chapter>/
  roster FILE               enrol the class (Canvas gradebook export, Moodle grading worksheet)
  collect CHAPTER SOURCE    import a Canvas or Moodle export (zip or folder); students are the platform's ids
  grade CHAPTER             autograde every submission; write DIR/grades.csv
  feedback CHAPTER          write DIR/feedback/<student>/<chapter>/<chapter>.html
  report CHAPTER            write DIR/reports/<chapter>.html with figures
  export CHAPTER ... --to canvas|moodle|csv --out FILE
                            the grades as a file the platform imports (outside the repository)
  validate NOTEBOOK ...     nbgrader's validation, messages in full; exit 1 if one fails
  delegate-cgroups --user NAME
                            as root, once per boot: let NAME's grading give each sandbox a cgroup

CHAPTER is a chapter's name (03_cross_entropy) or number (3). DIR is --course
(default: course/). The stock nbgrader commands work on the same folder.
"""

import argparse
import os
import sys

from .course import DEFAULT_ROOT, Course, CourseError


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m autograder", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    _course_options(parser, str(DEFAULT_ROOT), None)
    verbs = parser.add_subparsers(dest="verb", required=True)

    def verb(name, text):
        sub = verbs.add_parser(name, help=text)
        # The options may also follow the verb; SUPPRESS keeps the top-level value when they do not.
        _course_options(sub, argparse.SUPPRESS, argparse.SUPPRESS)
        return sub

    verb("release", "write the student notebooks").add_argument("chapters", nargs="*", metavar="CHAPTER")
    collect = verb("collect", "import a Canvas or Moodle export (zip or folder)")
    collect.add_argument("chapter", metavar="CHAPTER")
    collect.add_argument("source", metavar="SOURCE")
    collect.add_argument("--pattern", help="regex with (?P<student>...) matched against each file's path")
    collect.add_argument(
        "--timezone",
        metavar="ZONE",
        help="the zone of the zip's file times when the zip does not say (default: this machine's), e.g. Europe/Paris",
    )
    collect.add_argument("--worksheet", metavar="CSV", help="Moodle's grading worksheet, for the students' emails")
    verb("roster", "enrol the whole class from Canvas's gradebook export or Moodle's grading worksheet").add_argument(
        "file", metavar="FILE"
    )
    grade = verb("grade", "grade every submission in a sandbox")
    grade.add_argument("chapter", metavar="CHAPTER")
    grade.add_argument("--jobs", type=int, help="submissions graded at once on this machine (default: all cores)")
    grade.add_argument("--scheduler", metavar="ADDRESS", help="grade on the Dask cluster at this address instead")
    grade.add_argument(
        "--memory", type=float, default=1.0, metavar="GIB", help="memory limit per submission (default: 1)"
    )
    grade.add_argument(
        "--time", type=float, default=120.0, metavar="SECONDS", help="time limit per submission (default: 120)"
    )
    grade.add_argument("--regrade", action="store_true", help="grade again submissions already graded and unchanged")
    grade.add_argument(
        "--unsafe", action="store_true", help="run student code without a sandbox (only if bubblewrap is missing)"
    )
    grade.add_argument(
        "--cold-sandbox",
        action="store_true",
        help="start a new sandbox and Python per submission instead of forking a warm one (slower, as safe)",
    )
    for name, text in [("feedback", "write feedback pages"), ("report", "write the report page")]:
        verb(name, text).add_argument("chapter", metavar="CHAPTER")
    export = verb("export", "write the grades for Canvas, Moodle or as CSV")
    export.add_argument("chapters", nargs="+", metavar="CHAPTER")
    export.add_argument("--to", required=True, choices=["canvas", "moodle", "csv"])
    export.add_argument("--out", required=True, metavar="FILE", help="where to write it (not inside the repository)")
    export.add_argument(
        "--assignment-id",
        action="append",
        metavar="CHAPTER=ID",
        help="Canvas's id of the chapter's assignment, so the import updates it",
    )
    verb("validate", "check completed notebooks as nbgrader validate does, messages in full").add_argument(
        "notebooks", nargs="+", metavar="NOTEBOOK"
    )
    delegate = verb("delegate-cgroups", "as root: let an ordinary user's grading give each sandbox a cgroup")
    delegate.add_argument("--user", required=True, help="the account that grades")
    delegate.add_argument("--memory", type=float, metavar="GIB", help="a cap on all of the user's sandboxes together")
    delegate.add_argument("--processes", type=int, metavar="N", help="a cap on their processes together")
    delegate.add_argument("--undo", action="store_true", help="remove the user's cgroup folders instead")
    args = parser.parse_args(argv)
    if args.verb == "delegate-cgroups":
        return _delegate(args)
    course = Course(args.course, args.db_url)
    try:
        return _run(course, args)
    except CourseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def _course_options(parser, course_default, db_default):
    parser.add_argument(
        "--course", default=course_default, metavar="DIR", help="the course working folder (default: course)"
    )
    parser.add_argument("--db-url", default=db_default, help="the gradebook's database URL (default: sqlite in DIR)")


def _delegate(args):
    from .budget import CannotDelegate, delegate

    memory = int(args.memory * 2**30) if args.memory is not None else None
    try:
        for line in delegate(args.user, memory, args.processes, undo=args.undo):
            print(line)
    except (CannotDelegate, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


def _run(course, args):
    if args.verb == "release":
        from .release import release

        for path in release(course, args.chapters):
            print(f"released {path}")
    elif args.verb == "collect":
        from .collect import collect, parse_zone

        zone = parse_zone(args.timezone) if args.timezone else None
        outcomes = collect(course, args.chapter, args.source, args.pattern, zone, args.worksheet)
        imported = sum(o["imported"] for o in outcomes.values())
        print(f"imported {imported} of {len(outcomes)} students' submissions")
        for student, outcome in outcomes.items():
            who = f"{student} ({outcome['name']})" if outcome["name"] else student
            for text in outcome["problems"]:
                print(f"  {who}: NOT IMPORTED: {text}")
            for text in outcome["notes"]:
                print(f"  {who}: note: {text}")
    elif args.verb == "roster":
        from .roster import roster

        students = roster(course, args.file)
        print(f"enrolled {len(students)} students in {course.root}")
    elif args.verb == "grade":
        from .grade import grade
        from .limits import Limits

        if args.cold_sandbox:
            from .sandbox import MODE_VARIABLE

            os.environ[MODE_VARIABLE] = "cold"  # the grading processes inherit it
        limits = Limits(memory_bytes=int(args.memory * 2**30), wall_seconds=args.time, cpu_seconds=int(args.time))
        problems = grade(
            course,
            args.chapter,
            jobs=args.jobs,
            scheduler=args.scheduler,
            unsafe=args.unsafe,
            limits=limits,
            regrade=args.regrade,
        )
        print(f"grades written to {course.grade_sheet_path()}")
        for student, text in sorted(problems.items()):
            print(f"  {student}: {text}")
    elif args.verb == "feedback":
        from .feedback import feedback

        pages = feedback(course, args.chapter)
        print(f"wrote {len(pages)} feedback pages under {course.root / 'feedback'}")
    elif args.verb == "validate":
        from .validate import validate

        return 1 if validate(args.notebooks, course.config()) else 0
    elif args.verb == "report":
        from .report import report

        print(f"report written to {report(course, args.chapter)}")
    elif args.verb == "export":
        from .export import export, parse_assignment_ids

        path, told = export(course, args.chapters, args.to, args.out, parse_assignment_ids(args.assignment_id, course))
        print(f"grades written to {path}")
        for text in told:
            print(f"  {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
