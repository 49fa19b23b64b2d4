"""Progress bars for long work: on stderr, and silent when stderr is not a terminal."""

import sys

from tqdm import tqdm


def progress(items, desc, unit):
    return tqdm(items, desc=desc, unit=unit, file=sys.stderr, disable=None, leave=False)
