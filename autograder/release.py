"""release: generate the student notebooks of chapters with nbgrader.

The chapter's source notebook (solutions in, generated from chapters/<chapter>.md)
goes to ``source/``; nbgrader's ``generate_assignment`` records its cells in the
gradebook and writes the student version to ``release/``. The book's download
button serves the same notebook.
"""

from chapterkit.sources import CHAPTERS, dumps, source_notebook, write_if_changed

from .course import CourseError
from .progress import progress


def release(course, chapters=None):
    """Release the named chapters (all by default); return their release notebook paths."""
    api = course.api()
    released = []
    for chapter in progress(course.chapter_names(chapters), desc="release", unit="chapter"):
        write_if_changed(course.source_path(chapter), dumps(source_notebook(CHAPTERS / f"{chapter}.md")))
        result = api.generate_assignment(chapter, force=True, create=True)
        if not result["success"] or not course.release_path(chapter).exists():
            raise CourseError(f"nbgrader could not release {chapter}:\n{result.get('error') or result.get('log')}")
        released.append(course.release_path(chapter))
    return released
