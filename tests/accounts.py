"""An ordinary account to run the instructor's commands as: CI runs as root, instructors do not.

Run as root, ``ordinary_account`` creates the user (once; ``useradd``), lets it
pass through the folders that lead to the venv's Python and this checkout (an
ACL, removed afterwards), and gives the prefix that runs a command as it.
Run as an ordinary user, the prefix is empty: the tests run as that user.
"""

import contextlib
import os
import pwd
import subprocess
import sys
from pathlib import Path

from chapterkit.sources import ROOT

USER = "autograder-test"


@contextlib.contextmanager
def ordinary_account():
    """(the command prefix that runs as the ordinary user, its uid, its gid)."""
    if os.geteuid() != 0:
        yield [], os.getuid(), os.getgid()
        return
    try:
        entry = pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(["useradd", "--create-home", "--shell", "/usr/sbin/nologin", USER], check=True)
        entry = pwd.getpwnam(USER)
    granted = _grant_traversal(entry.pw_name, [Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(), ROOT])
    try:
        yield (
            ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--init-groups", "--"],
            entry.pw_uid,
            entry.pw_gid,
        )
    finally:
        for folder in granted:
            subprocess.run(["setfacl", "-x", f"u:{entry.pw_name}", str(folder)], check=True)


def _grant_traversal(user, paths):
    """Let ``user`` pass through the folders leading to ``paths`` (a Python under /root, say); return those changed."""
    granted = []
    for path in paths:
        for folder in [*reversed(path.parents), path]:
            if folder.stat().st_mode & 0o001 == 0 and folder not in granted:
                subprocess.run(["setfacl", "-m", f"u:{user}:x", str(folder)], check=True)
                granted.append(folder)
    return granted


def give(folder, uid, gid):
    """``folder`` and everything in it to the account."""
    for path in [folder, *Path(folder).rglob("*")]:
        os.lchown(path, uid, gid)
