"""python -m bookbuild [--edition student|instructor]: build the book strictly.

The student edition is the published book; the instructor edition shows the
solutions. Each goes to _build/<edition>/_build/html.
"""

import argparse
import sys
from pathlib import Path

from chapterkit.sources import ROOT

from .editions import EDITIONS, build
from .strict import BuildFailed


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bookbuild", description=__doc__)
    parser.add_argument("--edition", choices=EDITIONS, default="student")
    parser.add_argument("--only", nargs="+", metavar="CHAPTER", help="build only these chapter files")
    parser.add_argument("--build-root", type=Path, default=ROOT / "_build", help="where editions are staged and built")
    args = parser.parse_args(argv)
    try:
        html = build(args.edition, args.build_root, args.only)
    except BuildFailed as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{args.edition} edition built: {html}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
