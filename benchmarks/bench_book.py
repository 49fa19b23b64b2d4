"""How long the book takes to build and to run.

    .venv/bin/python benchmarks/bench_book.py

Prints, on this machine:
  * the strict student-edition build from clean (goal < 3 min);
  * the incremental rebuild after one chapter's text changes (goal < 20 s);
  * each chapter's execution time with solutions, i.e. the instructor notebook
    with hidden tests (goal < 10 s each).
The build goes to a temporary folder; the chapter edit is undone afterwards.
"""

import tempfile
import time
from pathlib import Path

from bookbuild.editions import build, instructor_page
from bookbuild.execute import run
from chapterkit.sources import chapter_paths, source_notebook


def timed(function, *args):
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def verdict(seconds, goal):
    return f"{seconds:7.1f} s   goal < {goal:>4} s   {'ok' if seconds < goal else 'OVER'}"


def main():
    with tempfile.TemporaryDirectory() as root:
        clean = timed(build, "student", Path(root))
        print(f"clean strict build (student edition):      {verdict(clean, 180)}")
        chapter = chapter_paths()[len(chapter_paths()) // 2]
        original = chapter.read_text(encoding="utf-8")
        try:
            chapter.write_text(original + "\n<!-- benchmark edit -->\n", encoding="utf-8")
            incremental = timed(build, "student", Path(root))
        finally:
            chapter.write_text(original, encoding="utf-8")
        print(f"incremental rebuild after editing {chapter.stem}: {verdict(incremental, 20)}")
    print("chapter execution with solutions and hidden tests:")
    for path in chapter_paths():
        seconds = run(instructor_page(source_notebook(path)))
        print(f"  {path.stem:32s} {verdict(seconds, 10)}")


if __name__ == "__main__":
    main()
