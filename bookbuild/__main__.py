"""python -m bookbuild [SOURCE] [--output DIR]: build the book strictly."""

import argparse
import sys

from .strict import BuildFailed, build


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bookbuild", description=__doc__)
    parser.add_argument("source", nargs="?", default=".", help="folder holding _config.yml and _toc.yml")
    parser.add_argument("--output", default="_build/student", help="where the HTML goes (under _build/html)")
    args = parser.parse_args(argv)
    try:
        html = build(args.source, args.output)
    except BuildFailed as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"book built: {html}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
