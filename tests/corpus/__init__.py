"""The discrimination corpus: <chapter>/<exercise>/right_*.py and wrong_*.py, each replacing that one exercise cell.

A folder is named after the grade id of the cell its variants replace (an
exercise, or a chapter's ``carried_*`` cell); each file says so again in its
``# exercise:`` line, and the two must agree.
"""

import re
from pathlib import Path

CORPUS = Path(__file__).parent
HEADER = re.compile(r"^# (exercise|diagnosis): (.+)$", re.MULTILINE)


def variants():
    found = []
    # By chapter, then file name: the samples other tests take (every n-th variant) do not depend on the folders.
    for path in sorted(CORPUS.glob("*/*/*.py"), key=lambda p: (p.parent.parent.name, p.name)):
        header = dict(HEADER.findall(path.read_text(encoding="utf-8")))
        kind = path.stem.split("_", 1)[0]
        assert kind in {"right", "wrong"}, f"{path}: name it right_... or wrong_..."
        assert "exercise" in header, f"{path}: say which exercise it replaces with '# exercise: NAME'"
        exercise = header["exercise"].strip()
        assert exercise == path.parent.name, f"{path}: '# exercise: {exercise}' in the folder of {path.parent.name}"
        found.append(
            {
                "chapter": path.parent.parent.name,
                "name": f"{kind}-{path.stem.split('_', 1)[1]}",
                "kind": kind,
                "path": path,
                "exercise": exercise,
                "diagnosis": header.get("diagnosis", "").strip(),
            }
        )
    assert not list(CORPUS.glob("*/*.py")), "a variant goes in its exercise's folder: <chapter>/<exercise>/"
    names = [(v["chapter"], v["name"]) for v in found]
    twice = sorted({n for n in names if names.count(n) > 1})
    assert not twice, f"variants of one chapter need different file names (each is one student of the course): {twice}"
    return found


VARIANTS = variants()
