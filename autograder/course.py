"""The course working folder and nbgrader's view of it.

Layout, as nbgrader expects it (``course/`` by default, gitignored)::

    course/source/<chapter>/<chapter>.ipynb            generated from chapters/<chapter>.md
    course/release/<chapter>/<chapter>.ipynb           what students get
    course/submitted/<student>/<chapter>/<chapter>.ipynb
    course/autograded/<student>/<chapter>/...
    course/feedback/<student>/<chapter>/<chapter>.html
    course/exchange/                                    nbgrader's exchange (release_feedback, formgrader)
    course/gradebook.db                                 SQLite, unless db_url says otherwise
"""

import contextlib
import io
import logging
import os
import sys
from pathlib import Path

from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from traitlets.config.loader import PyFileConfigLoader

from chapterkit.sources import ROOT, chapter_name, chapter_paths

CONFIG_FILE = ROOT / "nbgrader_config.py"
DEFAULT_ROOT = Path("course")


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

    def resolve(self, names):
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

    # --- folders ------------------------------------------------------------------
    def source(self, chapter):
        return self.root / "source" / chapter / f"{chapter}.ipynb"

    def release(self, chapter):
        return self.root / "release" / chapter / f"{chapter}.ipynb"

    def submitted(self, student, chapter):
        return self.root / "submitted" / student / chapter / f"{chapter}.ipynb"

    def autograded(self, student, chapter):
        return self.root / "autograded" / student / chapter / f"{chapter}.ipynb"

    def feedback(self, student, chapter):
        return self.root / "feedback" / student / chapter / f"{chapter}.html"

    def students(self, chapter):
        submitted = self.root / "submitted"
        if not submitted.is_dir():
            return []
        return sorted(p.name for p in submitted.iterdir() if (p / chapter).is_dir())

    # --- nbgrader -----------------------------------------------------------------
    def config(self):
        config = PyFileConfigLoader(CONFIG_FILE.name, path=str(CONFIG_FILE.parent)).load_config()
        config.CourseDirectory.root = str(self.root)
        config.CourseDirectory.db_url = self.db_url
        config.Exchange.root = str(self.root / "exchange")
        (self.root / "exchange").mkdir(parents=True, exist_ok=True)
        config.ExportPlugin.to = str(self.root / "nbgrader-grades.csv")
        return config

    def api(self):
        _put_interpreter_on_path()
        config = self.config()
        return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


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
