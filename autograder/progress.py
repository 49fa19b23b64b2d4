"""Progress bars for long work: on stderr, and silent when stderr is not a terminal."""

import sys

from tqdm import tqdm


def progress(items, desc, unit, total=None):
    return tqdm(items, desc=desc, unit=unit, total=total, file=sys.stderr, disable=None, leave=False)
