"""The course working folder and nbgrader's view of it.

Layout, as nbgrader expects it (``course/`` by default, gitignored)::

    course/source/<chapter>/<chapter>.ipynb            generated from chapters/<chapter>.md
    course/release/<chapter>/<chapter>.ipynb           what students get
    course/submitted/<student>/<chapter>/<chapter>.ipynb
    course/autograded/<student>/<chapter>/...
    course/feedback/<student>/<chapter>/<chapter>.html
    course/reports/<chapter>.html
    course/grades.csv                                   the grade sheet
    course/exchange/                                    nbgrader's exchange (release_feedback, formgrader)
    course/gradebook.db                                 SQLite, unless db_url says otherwise
    course/.records/<chapter>/                          what collect and grade found, for the later steps

Next to each submitted notebook, ``timestamp.txt`` (when it was handed in, UTC)
and ``submission_secret.txt``, as ``nbgrader submit`` would write them:
nbgrader reads the first, and ``release_feedback`` needs the second next to
every autograded notebook and feedback page.
"""

import contextlib
import io
import json
import logging
import os
import secrets
import sys
from datetime import UTC, datetime
from pathlib import Path

import nbformat

from chapterkit.sources import ROOT, chapter_name, chapter_paths

CONFIG_FILE = ROOT / "nbgrader_config.py"
DEFAULT_ROOT = Path("course")
TIMESTAMP, SECRET = "timestamp.txt", "submission_secret.txt"


class CourseError(RuntimeError):
    """A problem the instructor has to fix (an unknown chapter, a missing release)."""


class Course:
    def __init__(self, root=DEFAULT_ROOT, db_url=None):
        self.root = Path(root).resolve()
        self.db_url = db_url or f"sqlite:///{self.root / 'gradebook.db'}"

    # --- chapters -----------------------------------------------------------------
    @staticmethod
    def chapters():
        return [chapter_name(path) for path in chapter_paths()]

    def chapter_names(self, names):
        """Chapter names from what an instructor typed: '03', '3', '03_cross_entropy'."""
        chapters = self.chapters()
        if not names:
            return chapters
        resolved = []
        for name in names:
            matches = [c for c in chapters if c == name or c.split("_", 1)[0].lstrip("0") == name.lstrip("0")]
            if len(matches) != 1:
                raise CourseError(f"unknown chapter {name!r}; the chapters are: {', '.join(chapters)}")
            resolved.append(matches[0])
        return resolved

    # --- paths --------------------------------------------------------------------
    def source_path(self, chapter):
        return self.root / "source" / chapter / f"{chapter}.ipynb"

    def release_path(self, chapter):
        return self.root / "release" / chapter / f"{chapter}.ipynb"

    def submitted_path(self, student, chapter):
        return self.root / "submitted" / student / chapter / f"{chapter}.ipynb"

    def autograded_path(self, student, chapter):
        return self.root / "autograded" / student / chapter / f"{chapter}.ipynb"

    def feedback_path(self, student, chapter):
        return self.root / "feedback" / student / chapter / f"{chapter}.html"

    def report_path(self, chapter):
        return self.root / "reports" / f"{chapter}.html"

    def grade_sheet_path(self):
        return self.root / "grades.csv"

    def students(self, chapter):
        submitted = self.root / "submitted"
        if not submitted.is_dir():
            return []
        return sorted(p.name for p in submitted.iterdir() if (p / chapter).is_dir())

    # --- submissions ----------------------------------------------------------------
    def store_submission(self, student, chapter, notebook, handed_in):
        """Put a collected notebook in ``submitted/`` with its time (an aware datetime) and a secret."""
        path = self.submitted_path(student, chapter)
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, path)
        _write_timestamp(path.parent / TIMESTAMP, handed_in)
        secret = path.parent / SECRET
        if not secret.exists():
            secret.write_text(secrets.token_hex(16), encoding="utf-8")

    def submitted_at(self, student, chapter):
        """When the submission was handed in, as a naive UTC datetime (nbgrader's gradebook form), or None."""
        path = self.submitted_path(student, chapter).parent / TIMESTAMP
        if not path.exists():
            return None
        # Ours are "2026-11-21 10:19:14.307808 UTC"; nbgrader's own may lack the zone or the fraction.
        text = path.read_text(encoding="utf-8").strip().removesuffix("UTC").removesuffix("+00:00").strip()
        for form in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S"):
            try:
                return datetime.strptime(text, form)
            except ValueError:
                continue
        return None

    def copy_submission_files(self, student, chapter, folder, fill_missing=False):
        """The submission's time and secret next to what nbgrader releases from ``folder``.

        With ``fill_missing``, a submission that has none (a file that could not be
        imported) gets the present time and a new secret.
        """
        submitted = self.submitted_path(student, chapter).parent
        for name in (TIMESTAMP, SECRET):
            target, kept = folder / name, submitted / name
            if kept.exists():
                target.write_bytes(kept.read_bytes())
            elif fill_missing and not target.exists():
                if name == TIMESTAMP:
                    _write_timestamp(target, datetime.now(UTC))
                else:
                    target.write_text(secrets.token_hex(16), encoding="utf-8")

    # --- records: what one step found, for the steps after it ----------------------
    def collected(self, chapter):
        """{student: outcome} of every collect of the chapter (see ``collect.collect``)."""
        return self._read_record(chapter, "collected")

    def record_collected(self, chapter, outcomes):
        """Merge one collect's outcomes into the chapter's record: a later import of a student replaces theirs."""
        self._write_record(chapter, "collected", {**self.collected(chapter), **outcomes})

    def grader_failures(self, chapter):
        """{student: {"sha256", "reason"}} of submissions the grader itself failed on."""
        return self._read_record(chapter, "grader-failures")

    def record_grader_failures(self, chapter, failures):
        self._write_record(chapter, "grader-failures", failures)

    def problems(self, chapter):
        """{student: the grade sheet's ``problem`` text} of the chapter's last grading."""
        return self._read_record(chapter, "problems")

    def record_problems(self, chapter, problems):
        self._write_record(chapter, "problems", problems)

    def _record_path(self, chapter, name):
        return self.root / ".records" / chapter / f"{name}.json"

    def _read_record(self, chapter, name):
        try:
            return json.loads(self._record_path(chapter, name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _write_record(self, chapter, name, data):
        path = self._record_path(chapter, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)

    # --- nbgrader -----------------------------------------------------------------
    # nbgrader is imported where it is used: a grading process (which imports the command's module
    # again) needs none of it, and the command needs its gradebook, not its apps.
    def config(self):
        from traitlets.config.loader import PyFileConfigLoader

        config = PyFileConfigLoader(CONFIG_FILE.name, path=str(CONFIG_FILE.parent)).load_config()
        config.CourseDirectory.root = str(self.root)
        config.CourseDirectory.db_url = self.db_url
        config.Exchange.root = str(self.root / "exchange")
        (self.root / "exchange").mkdir(parents=True, exist_ok=True)
        config.ExportPlugin.to = str(self.root / "nbgrader-grades.csv")
        return config

    def gradebook(self):
        """The gradebook, opened (and made, the first time): use it as a context manager."""
        from nbgrader.api import Gradebook

        _put_interpreter_on_path()
        return Gradebook(self.db_url)

    def api(self):
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        _put_interpreter_on_path()
        config = self.config()
        return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def _write_timestamp(path, moment):
    path.write_text(moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f %Z"), encoding="utf-8")


def _put_interpreter_on_path():
    # nbgrader runs `alembic` by name when it creates a gradebook; when the venv's
    # python is run by its path, the venv's bin/ is not on PATH.
    scripts = str(Path(sys.executable).parent)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")


@contextlib.contextmanager
def quiet_nbgrader():
    """nbgrader logs each step at INFO to stderr; keep the terminal for the progress bar."""
    logger = logging.getLogger("traitlets")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            yield
    finally:
        logger.setLevel(level)
